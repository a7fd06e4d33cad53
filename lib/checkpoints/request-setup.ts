import "server-only";
import type { Db } from "@/db";
import { insertSetupRun, latestSetupRun } from "@/db/queries/agent";
import { DomainError } from "@/lib/errors";
import { QUEUED_DEADLINE_MS } from "@/lib/deadlines";
import { assertAgentUsable } from "./assert-agent-usable";
import { pgBossJobs, type AgentJobs } from "./job-deps";
import { toSetupRunDto } from "./to-dto";
import type { SetupRunDto } from "./types";

/** Starts the setup guide on the user's machine (one run at a time per machine). */
export async function requestSetup(
  db: Db,
  userId: string,
  machineId: string,
  jobs: AgentJobs = pgBossJobs,
): Promise<SetupRunDto> {
  await assertAgentUsable(db, userId, machineId);
  const now = new Date();
  const run = await insertSetupRun(db, {
    id: crypto.randomUUID(),
    machineId,
    userId,
    status: "queued",
    log: "",
    startedAt: now,
    deadlineAt: new Date(now.getTime() + QUEUED_DEADLINE_MS),
  });
  if (!run) {
    const other = await latestSetupRun(db, userId, machineId);
    throw new DomainError(
      "conflict",
      `Setup is already ${other?.status ?? "running"} on this machine; its output is below.`,
    );
  }
  await jobs.setup(run.id);
  return toSetupRunDto(run);
}
