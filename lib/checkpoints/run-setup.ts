import "server-only";
import type { Db } from "@/db";
import { appendSetupLog, finishSetupRun, setupRunLease } from "@/db/queries/agent";
import { getMachineById } from "@/db/queries/machines";
import { setup, type SetupLine } from "@/lib/agent";
import { SETUP_COMMAND_MS } from "@/lib/deadlines";
import { describeAgentError, noteHostKeyChange } from "./agent-errors";
import { getAgentPool } from "./agent-pool";
import { targetForMachine } from "./machine-target";
import { runProbe } from "./run-probe";

const FLUSH_MS = 250;
const STEP_TITLES: Record<string, string> = {
  apt_update: "apt-get update",
  driver: "NVIDIA driver 570",
  cuda_checkpoint: "cuda-checkpoint (NVIDIA/cuda-checkpoint)",
  cc_help: "cuda-checkpoint --help",
  persistence: "persistence mode (nvidia-smi -pm 1)",
};

/**
 * Job side: runs the setup guide over SSH, appending its output to the run's log as the lines
 * arrive (flushed every 250 ms, so the page can follow), then probes again.
 */
export async function runSetup(db: Db, runId: string): Promise<void> {
  // The record's deadline is a lease this worker renews while it runs.
  await setupRunLease.withLease(db, runId, {}, (run) => runClaimed(db, run.machineId, runId));
}

async function runClaimed(db: Db, machineId: string, runId: string): Promise<void> {
  let buffer = "";
  let chain: Promise<void> = Promise.resolve();
  const flush = () => {
    const text = buffer;
    buffer = "";
    chain = chain
      .then(() => appendSetupLog(db, runId, text))
      .catch((e: unknown) => console.error("[agent:setup-log]", e instanceof Error ? e.message : e));
    return chain;
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);
  let step = "";
  const onLine = (l: SetupLine) => {
    if (l.step !== step) {
      step = l.step;
      buffer += `== ${STEP_TITLES[step] ?? step} ==\n`;
    }
    buffer += `${l.line}\n`;
  };
  try {
    const m = await getMachineById(db, machineId);
    if (!m) throw new Error("machine row vanished");
    const target = await targetForMachine(db, m);
    const r = await setup(getAgentPool(), target, { onLine, reprobe: false, timeoutMs: SETUP_COMMAND_MS });
    const failed = r.steps.filter((s) => s.exitCode !== 0);
    buffer += `\n${r.ok ? "Setup finished." : `Setup failed at: ${failed.map((s) => `${s.name} (exit ${s.exitCode ?? "?"})`).join(", ")}.`}`;
    if (r.driverBefore !== r.driverAfter) buffer += ` Driver ${r.driverBefore ?? "none"} → ${r.driverAfter ?? "?"}.`;
    if (r.rebootRequired) buffer += " A reboot is required for the new driver to load.";
    buffer += "\nProbing again…\n";
    await flush();
    // Probe before closing the run, so the verdict on the page already reflects what setup changed.
    const p = await runProbe(db, machineId);
    buffer += p?.error
      ? `Probe failed: ${p.error}\n`
      : p?.ready
        ? "Probe: ready for cuda-checkpoint.\n"
        : "Probe: still not ready; see the reasons above.\n";
    clearInterval(timer);
    await flush();
    await finishSetupRun(db, runId, {
      status: r.ok ? "done" : "failed",
      error: r.ok
        ? null
        : `Setup failed at ${failed.map((s) => s.name).join(", ") || "an unknown step"}; see the output.`,
      rebootRequired: r.rebootRequired,
      endedAt: new Date(),
    });
  } catch (e) {
    clearInterval(timer);
    await noteHostKeyChange(db, machineId, e);
    const d = describeAgentError(e, "setup");
    buffer += `\n${d.message}\n`;
    await flush();
    await finishSetupRun(db, runId, { status: "failed", error: d.message, endedAt: new Date() });
  }
}
