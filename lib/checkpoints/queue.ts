import "server-only";
import { getBoss } from "@/lib/jobs/boss";
import {
  OPERATION_JOB_EXPIRE_S,
  PROBE_DEDUPE_S,
  PROBE_JOB_EXPIRE_S,
  REFRESH_JOB_EXPIRE_S,
  RESEND_ONCE_PER_S,
  SETUP_DEADLINE_MS,
} from "@/lib/deadlines";

export const AGENT_QUEUES = {
  probe: "agent-probe",
  setup: "agent-setup",
  op: "agent-op",
  refresh: "agent-refresh",
  sweep: "agent-sweep",
} as const;

const SETUP_JOB_EXPIRE_S = Math.ceil(SETUP_DEADLINE_MS / 1000);

export async function enqueueProbe(machineId: string): Promise<void> {
  const boss = await getBoss();
  // Two probes asked within a few seconds are one.
  await boss.send(
    AGENT_QUEUES.probe,
    { machineId },
    {
      singletonKey: machineId,
      singletonSeconds: PROBE_DEDUPE_S,
      retryLimit: 1,
      retryDelay: 5,
      expireInSeconds: PROBE_JOB_EXPIRE_S,
    },
  );
}

export async function enqueueSetup(runId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(AGENT_QUEUES.setup, { runId }, { retryLimit: 0, expireInSeconds: SETUP_JOB_EXPIRE_S });
}

export async function enqueueOperation(operationId: string): Promise<void> {
  const boss = await getBoss();
  // Not retried by pg-boss: a checkpoint is not idempotent. A lost one is failed by the sweep.
  await boss.send(AGENT_QUEUES.op, { operationId }, { retryLimit: 0, expireInSeconds: OPERATION_JOB_EXPIRE_S });
}

/** One refresh of a machine's processes; the queue's "stately" policy keeps at most one waiting per machine. */
export async function enqueueRefresh(machineId: string, delaySeconds = 0): Promise<void> {
  const boss = await getBoss();
  await boss.send(
    AGENT_QUEUES.refresh,
    { machineId },
    {
      singletonKey: machineId,
      startAfter: delaySeconds > 0 ? delaySeconds : undefined,
      retryLimit: 0,
      expireInSeconds: REFRESH_JOB_EXPIRE_S,
    },
  );
}

// A queued record's job sent again by the sweep (the first may have died with a worker): at most
// one resend per record per RESEND_ONCE_PER_S, so a busy queue does not pile up copies.
const resend = (id: string) => ({ singletonKey: `resend:${id}`, singletonSeconds: RESEND_ONCE_PER_S, retryLimit: 0 });

export async function resendOperation(operationId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(
    AGENT_QUEUES.op,
    { operationId },
    { ...resend(operationId), expireInSeconds: OPERATION_JOB_EXPIRE_S },
  );
}

export async function resendSetup(runId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(AGENT_QUEUES.setup, { runId }, { ...resend(runId), expireInSeconds: SETUP_JOB_EXPIRE_S });
}

/** A machine became ready (start-up hands this to the machine workers): probe it. Never throws. */
export async function probeWhenReady(machineId: string): Promise<void> {
  try {
    await enqueueProbe(machineId);
  } catch (e) {
    console.error("[agent:probe-when-ready]", e instanceof Error ? e.message : e);
  }
}
