import "server-only";
import type PgBoss from "pg-boss";
import { getDb } from "@/db";
import { isWatched } from "@/db/queries/agent";
import { getBoss } from "@/lib/jobs/boss";
import { startPeriodic } from "@/lib/jobs/periodic";
import { refreshProcesses } from "./refresh-processes";
import { CHECKPOINT_COMMAND_MS } from "./run-operation";
import { runOperation } from "./run-operation";
import { runProbe } from "./run-probe";
import { runSetup } from "./run-setup";
import { SETUP_DEADLINE_MS } from "./request-setup";
import { sweepExpired } from "./sweep-expired";

export const AGENT_QUEUES = {
  probe: "agent-probe",
  setup: "agent-setup",
  op: "agent-op",
  refresh: "agent-refresh",
  sweep: "agent-sweep",
} as const;

/** Seconds between two refreshes of a watched machine's processes. */
export const REFRESH_EVERY_S = 2;

const g = globalThis as unknown as { __dumontAgentWorkers?: Promise<void> };

export async function enqueueProbe(machineId: string): Promise<void> {
  const boss = await getBoss();
  // Two probes asked within a few seconds are one.
  await boss.send(AGENT_QUEUES.probe, { machineId }, { singletonKey: machineId, singletonSeconds: 3, retryLimit: 1, retryDelay: 5, expireInSeconds: 120 });
}

export async function enqueueSetup(runId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(AGENT_QUEUES.setup, { runId }, { retryLimit: 0, expireInSeconds: Math.ceil(SETUP_DEADLINE_MS / 1000) });
}

export async function enqueueOperation(operationId: string): Promise<void> {
  const boss = await getBoss();
  // Not retried by pg-boss: a checkpoint is not idempotent. A lost one is failed by the sweep.
  await boss.send(AGENT_QUEUES.op, { operationId }, { retryLimit: 0, expireInSeconds: Math.ceil(CHECKPOINT_COMMAND_MS / 1000) + 120 });
}

/** One refresh of a machine's processes; the queue's "stately" policy keeps at most one waiting per machine. */
export async function enqueueRefresh(machineId: string, delaySeconds = 0): Promise<void> {
  const boss = await getBoss();
  await boss.send(AGENT_QUEUES.refresh, { machineId }, { singletonKey: machineId, startAfter: delaySeconds > 0 ? delaySeconds : undefined, retryLimit: 0, expireInSeconds: 60 });
}

/**
 * Called when a machine becomes ready (advance-machine): probes it. Does nothing in a process that
 * runs no agent workers (unit tests of the machine state machine), and never throws.
 */
export async function probeWhenReady(machineId: string): Promise<void> {
  if (!g.__dumontAgentWorkers) return;
  try {
    await enqueueProbe(machineId);
  } catch (e) {
    console.error("[agent:probe-when-ready]", e instanceof Error ? e.message : e);
  }
}

async function ensureQueues(boss: PgBoss) {
  for (const name of Object.values(AGENT_QUEUES)) {
    if (await boss.getQueue(name)) continue;
    if (name === AGENT_QUEUES.sweep) continue; // periodic: lib/jobs/periodic.ts makes it
    await boss.createQueue(name, { name, policy: name === AGENT_QUEUES.refresh ? "stately" : "standard" });
  }
}

const log = (what: string) => (e: unknown) => console.error(`[agent:${what}]`, e instanceof Error ? e.message : e);

/**
 * This process's agent workers: probes, setup runs, checkpoint/restore operations, the processes
 * refresh (every REFRESH_EVERY_S while a page watches the machine) and a sweep that fails records
 * past their deadline.
 */
export function startAgentWorkers(opts: { concurrency?: number } = {}): Promise<void> {
  g.__dumontAgentWorkers ??= (async () => {
    const boss = await getBoss();
    await ensureQueues(boss);
    const db = await getDb();
    const n = opts.concurrency ?? 8;
    const each =
      <T>(fn: (data: T) => Promise<unknown>, what: string) =>
      async (jobs: PgBoss.Job<T>[]) => {
        for (const job of jobs) await fn(job.data).catch(log(what));
      };
    for (let i = 0; i < n; i++) {
      await boss.work<{ machineId: string }>(AGENT_QUEUES.probe, { pollingIntervalSeconds: 0.5, batchSize: 1 }, each((d) => runProbe(db, d.machineId), "probe"));
      await boss.work<{ operationId: string }>(AGENT_QUEUES.op, { pollingIntervalSeconds: 0.5, batchSize: 1 }, each((d) => runOperation(db, d.operationId), "operation"));
      await boss.work<{ machineId: string }>(
        AGENT_QUEUES.refresh,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        each(async (d) => {
          await refreshProcesses(db, d.machineId);
          if (await isWatched(db, d.machineId, new Date())) await enqueueRefresh(d.machineId, REFRESH_EVERY_S);
        }, "refresh"),
      );
    }
    for (let i = 0; i < 2; i++) await boss.work<{ runId: string }>(AGENT_QUEUES.setup, { pollingIntervalSeconds: 1, batchSize: 1 }, each((d) => runSetup(db, d.runId), "setup"));
    // Every 15 s, somewhere in the cluster: a dead worker's lease (45 s) is noticed within a minute.
    await startPeriodic(boss, {
      name: AGENT_QUEUES.sweep,
      everySeconds: 15,
      run: async () => {
        const r = await sweepExpired(db);
        for (const id of r.machineIds) await enqueueRefresh(id).catch(log("sweep"));
        // At most one resend per record per minute: a busy queue does not pile up copies.
        const again = { singletonSeconds: 60, retryLimit: 0 };
        for (const id of r.resend.operations) await boss.send(AGENT_QUEUES.op, { operationId: id }, { ...again, singletonKey: `resend:${id}`, expireInSeconds: Math.ceil(CHECKPOINT_COMMAND_MS / 1000) + 120 }).catch(log("sweep"));
        for (const id of r.resend.setupRuns) await boss.send(AGENT_QUEUES.setup, { runId: id }, { ...again, singletonKey: `resend:${id}`, expireInSeconds: Math.ceil(SETUP_DEADLINE_MS / 1000) }).catch(log("sweep"));
      },
    });
    await sweepExpired(db).catch(log("sweep"));
  })().catch((err) => {
    g.__dumontAgentWorkers = undefined;
    throw err;
  });
  return g.__dumontAgentWorkers;
}

/** Stops pg-boss (and with it the periodic sweep) and forgets the workers (tests switch databases between suites). */
export async function stopAgentWorkers(): Promise<void> {
  const started = g.__dumontAgentWorkers;
  g.__dumontAgentWorkers = undefined;
  if (started) await started.catch(() => undefined);
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
}
