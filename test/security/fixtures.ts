import crypto from "node:crypto";
import { getHandle, type Db } from "@/db";
import { insertMachine } from "@/db/queries/machines";
import { replaceFindings } from "@/db/queries/reconcile";
import {
  agentStates,
  checkpointOperations,
  cudaProcesses,
  machineEvents,
  probes,
  setupRuns,
  usageIntervals,
} from "@/db/schema";
import { budgets, machineLimits } from "@/db/schema/spending";
import { createApiToken, addProviderKey, listProviderKeys, generateSshKey } from "@/lib/settings";
import type { AgentJobs } from "@/lib/checkpoints";
import { listFindings } from "@/lib/machines";
import { createTestUser } from "@/test/test-users";

// A user who owns one of everything the app keeps per user, written through the real services where
// they exist (keys are verified against the sandbox and sealed), for the security tests to attack.

export interface Owned {
  userId: string;
  machineId: string;
  machineName: string;
  stoppedMachineId: string;
  sshKeyId: string;
  providerKeyId: string;
  apiTokenId: string;
  apiToken: string;
  findingId: string;
  pid: number;
  hostKeyActual: string;
}

export async function createOwner(db: Db, label: string, providerKey: string): Promise<Owned> {
  const userId = await createTestUser(db, label);
  const ssh = await generateSshKey(db, userId, { name: `${label} agent` });
  await addProviderKey(db, userId, { provider: "tensordock", apiKey: providerKey });
  const tok = await createApiToken(db, userId, { name: `${label} script` });
  const now = new Date();
  const machineName = `${label}-box`;
  const base = {
    userId,
    provider: "tensordock",
    gpuModel: "RTX 4090",
    sshKeyId: ssh.id,
    sshHost: "127.0.0.1",
    sshPort: 22,
    sshUser: "user",
    hostKeyFingerprint: "SHA256:pinned",
    pricePerHourMicros: 500_000,
    canStop: true,
    checkpointCapable: true,
    readyAt: now,
  } as const;
  const { row: m } = await insertMachine(db, {
    ...base,
    id: crypto.randomUUID(),
    name: machineName,
    status: "running",
    providerInstanceId: `inst-${label}`,
    requestKey: `rk-${label}`,
  });
  const { row: stopped } = await insertMachine(db, {
    ...base,
    id: crypto.randomUUID(),
    name: `${label}-paused`,
    status: "stopped",
    providerInstanceId: `inst-${label}-2`,
    requestKey: `rk2-${label}`,
  });
  await db
    .insert(machineEvents)
    .values({ id: crypto.randomUUID(), machineId: m.id, step: "ready", outcome: "done", message: "Ready" });
  await db.insert(usageIntervals).values({
    id: crypto.randomUUID(),
    userId,
    machineId: m.id,
    provider: "tensordock",
    state: "running",
    ratePerHourMicros: 500_000,
    granularity: "second",
    startedAt: new Date(now.getTime() - 3_600_000),
  });
  const pid = 4242;
  await db
    .insert(cudaProcesses)
    .values({ machineId: m.id, pid, name: "python train.py", usedMemoryMiB: 1000, state: "running", lastSeenAt: now });
  await db.insert(probes).values({
    id: crypto.randomUUID(),
    machineId: m.id,
    userId,
    ready: true,
    criuReady: false,
    verdict: { ready: true, criuReady: false, reasons: [] },
    result: {},
  });
  await db.insert(checkpointOperations).values({
    id: crypto.randomUUID(),
    machineId: m.id,
    userId,
    pid: 77,
    action: "checkpoint",
    status: "done",
    deadlineAt: now,
    endedAt: now,
  });
  await db.insert(setupRuns).values({
    id: crypto.randomUUID(),
    machineId: m.id,
    userId,
    status: "done",
    log: "ok\n",
    deadlineAt: now,
    endedAt: now,
  });
  const hostKeyActual = `SHA256:changed-${label}`;
  await db.insert(agentStates).values({
    machineId: m.id,
    hostKeyExpected: "SHA256:pinned",
    hostKeyActual,
    hostKeyChangedAt: now,
    refreshedAt: now,
  });
  await replaceFindings(
    db,
    userId,
    "tensordock",
    [
      {
        kind: "orphan",
        providerInstanceId: `orphan-${label}`,
        machineId: null,
        name: `dm-x--${label}-orphan`,
        providerStatus: "running",
        pricePerHourMicros: 100_000,
      },
    ],
    now,
  );
  await db.insert(budgets).values({ userId, amountMicros: 100_000_000, action: "warn" });
  await db.insert(machineLimits).values({ machineId: m.id, userId, capMicros: 50_000_000, action: "stop" });
  const [finding] = await listFindings(db, userId);
  const [key] = await listProviderKeys(db, userId);
  return {
    userId,
    machineId: m.id,
    machineName,
    stoppedMachineId: stopped.id,
    sshKeyId: ssh.id,
    providerKeyId: key!.id,
    apiTokenId: tok.token.id,
    apiToken: tok.plaintext,
    findingId: finding!.id,
    pid,
    hostKeyActual,
  };
}

/** Every row of every table in the public schema, sorted, as one comparable value. */
export async function snapshotDb(): Promise<Record<string, string[]>> {
  const h = await getHandle();
  const { rows } = await h.query(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    [],
  );
  const out: Record<string, string[]> = {};
  for (const { table_name } of rows as { table_name: string }[]) {
    const r = await h.query(`select * from "${table_name}"`, []);
    out[table_name] = r.rows.map((x) => JSON.stringify(x)).sort();
  }
  return out;
}

/** Row counts per table (one query), for "nothing was added or removed". */
export async function countRows(): Promise<Record<string, number>> {
  const h = await getHandle();
  const { rows } = await h.query(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    [],
  );
  const names = (rows as { table_name: string }[]).map((r) => r.table_name);
  const q = names.map((n) => `select '${n}' as t, count(*)::int as n from "${n}"`).join(" union all ");
  const counts = await h.query(q, []);
  return Object.fromEntries((counts.rows as { t: string; n: number }[]).map((r) => [r.t, Number(r.n)]));
}

/** Records the jobs a request function would have sent, instead of sending them. */
export function recordingJobs(): AgentJobs & { sent: string[] } {
  const sent: string[] = [];
  const rec = (kind: string) => async (id: string) => void sent.push(`${kind}:${id}`);
  return { sent, probe: rec("probe"), setup: rec("setup"), operation: rec("operation"), refresh: rec("refresh") };
}
