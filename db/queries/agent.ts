import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { isRecordId } from "@/lib/record-id";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { userMachineRows, userRow } from "./user-rows";
import { LEASE_MS, LEASE_RENEW_MS } from "@/lib/deadlines";
import { leasedRecord } from "@/db/leased-record";
import { agentStates, checkpointOperations, cudaProcesses, machines, probes, setupRuns } from "../schema";

// Queries of the SSH agent's records. Those a page or an API call reaches take the user's id and
// filter by it (through the machine row where the table has no user column); those only jobs call
// take a machine or record id, as the machine jobs do.

export type ProbeRow = typeof probes.$inferSelect;
export type CudaProcessRow = typeof cudaProcesses.$inferSelect;
export type OperationRow = typeof checkpointOperations.$inferSelect;
export type SetupRunRow = typeof setupRuns.$inferSelect;
export type AgentStateRow = typeof agentStates.$inferSelect;

const ownedMachine = (userId: string, machineId: string) =>
  sql`exists (select 1 from ${machines} where ${machines.id} = ${machineId} and ${machines.userId} = ${userId})`;

// ---------------- for pages and the API (userId first) ----------------

/** The newest probe matching `where`. */
async function newestProbe(db: Db, where: SQL | undefined): Promise<ProbeRow | null> {
  return firstOrNull(db.select().from(probes).where(where).orderBy(desc(probes.at)).limit(1));
}

export async function latestProbe(db: Db, userId: string, machineId: string): Promise<ProbeRow | null> {
  return newestProbe(db, userMachineRows(probes, userId, machineId));
}

/** The last probe that ran (not one that could not connect), for "verdict as of DATE". */
export async function latestCompletedProbe(db: Db, userId: string, machineId: string): Promise<ProbeRow | null> {
  return newestProbe(db, and(userMachineRows(probes, userId, machineId), isNotNull(probes.verdict)));
}

/** Processes on the page: live ones, checkpointed ones, and those that exited in the last `recentMs`. */
export async function listCudaProcesses(
  db: Db,
  userId: string,
  machineId: string,
  now: Date,
  recentMs = 10 * 60_000,
): Promise<CudaProcessRow[]> {
  return db
    .select()
    .from(cudaProcesses)
    .where(
      and(
        eq(cudaProcesses.machineId, machineId),
        ownedMachine(userId, machineId),
        or(
          isNull(cudaProcesses.vanishedAt),
          eq(cudaProcesses.checkpointed, true),
          gt(cudaProcesses.vanishedAt, new Date(now.getTime() - recentMs)),
        ),
      ),
    )
    .orderBy(cudaProcesses.pid);
}

export async function getCudaProcess(
  db: Db,
  userId: string,
  machineId: string,
  pid: number,
): Promise<CudaProcessRow | null> {
  return firstOrNull(
    db
      .select()
      .from(cudaProcesses)
      .where(and(eq(cudaProcesses.machineId, machineId), eq(cudaProcesses.pid, pid), ownedMachine(userId, machineId))),
  );
}

export async function listOperations(db: Db, userId: string, machineId: string, limit = 50): Promise<OperationRow[]> {
  return db
    .select()
    .from(checkpointOperations)
    .where(userMachineRows(checkpointOperations, userId, machineId))
    .orderBy(desc(checkpointOperations.createdAt), desc(checkpointOperations.id))
    .limit(limit);
}

export async function getOperation(db: Db, userId: string, id: string): Promise<OperationRow | null> {
  return firstOrNull(
    db
      .select()
      .from(checkpointOperations)
      .where(userRow(checkpointOperations, userId, id)),
  );
}

/** Inserts a queued operation; null when one is already queued or running on the same process. */
export async function insertOperation(
  db: Db,
  row: typeof checkpointOperations.$inferInsert,
): Promise<OperationRow | null> {
  return firstOrNull(db.insert(checkpointOperations).values(row).onConflictDoNothing().returning());
}

export async function activeOperation(
  db: Db,
  userId: string,
  machineId: string,
  pid: number,
): Promise<OperationRow | null> {
  return firstOrNull(
    db
      .select()
      .from(checkpointOperations)
      .where(
        and(
          eq(checkpointOperations.userId, userId),
          eq(checkpointOperations.machineId, machineId),
          eq(checkpointOperations.pid, pid),
          inArray(checkpointOperations.status, ["queued", "running"]),
        ),
      ),
  );
}

export async function latestSetupRun(db: Db, userId: string, machineId: string): Promise<SetupRunRow | null> {
  return firstOrNull(
    db
      .select()
      .from(setupRuns)
      .where(userMachineRows(setupRuns, userId, machineId))
      .orderBy(desc(setupRuns.startedAt))
      .limit(1),
  );
}

/** Inserts a queued setup run; null when one is already queued or running on the machine. */
export async function insertSetupRun(db: Db, row: typeof setupRuns.$inferInsert): Promise<SetupRunRow | null> {
  return firstOrNull(db.insert(setupRuns).values(row).onConflictDoNothing().returning());
}

export async function getAgentState(db: Db, userId: string, machineId: string): Promise<AgentStateRow | null> {
  // trustHostKey reads this before any machine lookup: an impossible id (a NUL byte fails the query) has no state.
  if (!isRecordId(machineId)) return null;
  return firstOrNull(
    db
      .select()
      .from(agentStates)
      .where(and(eq(agentStates.machineId, machineId), ownedMachine(userId, machineId))),
  );
}

async function upsertState(db: Db, machineId: string, patch: Partial<Omit<AgentStateRow, "machineId">>, now: Date) {
  await db
    .insert(agentStates)
    .values({ machineId, ...patch, updatedAt: now })
    .onConflictDoUpdate({ target: agentStates.machineId, set: { ...patch, updatedAt: now } });
}

/**
 * Marks the machine's processes as watched until `until` (a page or a script is looking). Returns
 * the state before, or null when the machine is not the user's.
 */
export async function markWatched(
  db: Db,
  userId: string,
  machineId: string,
  until: Date,
  now: Date,
): Promise<{ before: AgentStateRow | null } | null> {
  const [m] = await db
    .select({ id: machines.id })
    .from(machines)
    .where(userRow(machines, userId, machineId));
  if (!m) return null;
  const before = await getAgentState(db, userId, machineId);
  await upsertState(db, machineId, { watchedUntil: until }, now);
  return { before };
}

export async function markProbeRequested(db: Db, userId: string, machineId: string, now: Date): Promise<boolean> {
  const [m] = await db
    .select({ id: machines.id })
    .from(machines)
    .where(userRow(machines, userId, machineId));
  if (!m) return false;
  await upsertState(db, machineId, { probeRequestedAt: now }, now);
  return true;
}

/** The user trusts the key the machine now presents: pin it and clear the alert. */
export async function trustPresentedHostKey(
  db: Db,
  userId: string,
  machineId: string,
  fingerprint: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .update(machines)
      .set({ hostKeyFingerprint: fingerprint })
      .where(userRow(machines, userId, machineId))
      .returning({ id: machines.id });
    if (!m) return false;
    await tx
      .update(agentStates)
      .set({
        hostKeyExpected: null,
        hostKeyActual: null,
        hostKeyChangedAt: null,
        refreshError: null,
        refreshErrorCode: null,
        updatedAt: now,
      })
      .where(eq(agentStates.machineId, machineId));
    return true;
  });
}

/** Machines with a probe that said ready, per provider: "verified on N machines, last on DATE". */
export async function verifiedMachinesByProvider(
  db: Db,
): Promise<{ provider: string; sandbox: boolean; machines: number; lastAt: Date | null }[]> {
  // Public aggregate (counts and a date per provider, no user data): the comparison shows it.
  const rows = await db
    .select({
      provider: machines.provider,
      sandbox: machines.sandbox,
      machines: sql<number>`count(distinct ${probes.machineId})::int`,
      lastAt: sql<string | null>`max(${probes.at})`,
    })
    .from(probes)
    .innerJoin(machines, eq(machines.id, probes.machineId))
    .where(eq(probes.ready, true))
    .groupBy(machines.provider, machines.sandbox);
  return rows.map((r) => ({
    provider: r.provider,
    sandbox: r.sandbox,
    machines: Number(r.machines),
    lastAt: r.lastAt ? new Date(r.lastAt) : null,
  }));
}

// ---------------- for jobs (ids) ----------------

export async function getPinnedHostKey(db: Db, machineId: string): Promise<string | null> {
  const [row] = await db.select({ fp: machines.hostKeyFingerprint }).from(machines).where(eq(machines.id, machineId));
  return row?.fp ?? null;
}

/** Pins a host key on first contact; never overwrites a pinned one. */
export async function pinHostKey(db: Db, machineId: string, fingerprint: string): Promise<void> {
  await db
    .update(machines)
    .set({ hostKeyFingerprint: fingerprint })
    .where(and(eq(machines.id, machineId), isNull(machines.hostKeyFingerprint)));
}

export async function recordHostKeyChange(
  db: Db,
  machineId: string,
  expected: string,
  actual: string,
  now: Date,
): Promise<void> {
  await upsertState(db, machineId, { hostKeyExpected: expected, hostKeyActual: actual, hostKeyChangedAt: now }, now);
}

export async function getAgentStateById(db: Db, machineId: string): Promise<AgentStateRow | null> {
  return firstOrNull(db.select().from(agentStates).where(eq(agentStates.machineId, machineId)));
}

export async function recordRefresh(
  db: Db,
  machineId: string,
  result: { error: string | null; code: string | null },
  now: Date,
): Promise<void> {
  await upsertState(
    db,
    machineId,
    result.error
      ? { refreshError: result.error, refreshErrorCode: result.code }
      : { refreshedAt: now, refreshError: null, refreshErrorCode: null },
    now,
  );
}

export async function insertProbe(db: Db, row: typeof probes.$inferInsert): Promise<ProbeRow> {
  const [inserted] = await db.insert(probes).values(row).returning();
  return inserted!;
}

export async function latestProbeById(db: Db, machineId: string): Promise<ProbeRow | null> {
  return newestProbe(db, eq(probes.machineId, machineId));
}

/** The PIDs we checkpointed on a machine (they are not in nvidia-smi any more). */
export async function checkpointedRegistry(db: Db, machineId: string): Promise<CudaProcessRow[]> {
  return db
    .select()
    .from(cudaProcesses)
    .where(and(eq(cudaProcesses.machineId, machineId), eq(cudaProcesses.checkpointed, true)));
}

export interface ProcessUpsert {
  pid: number;
  name: string | null;
  usedMemoryMiB: number | null;
  state: string;
  stateError: string | null;
  alive: boolean;
}

/**
 * Writes what one refresh saw. Rows changed after `startedAt` (by an operation that finished while
 * the refresh was reading) keep the newer state. Processes that left the list and are not in our
 * registry are marked vanished.
 */
export async function writeRefresh(
  db: Db,
  machineId: string,
  list: ProcessUpsert[],
  startedAt: Date,
  now: Date,
  unregister: number[] = [],
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const p of list) {
      await tx
        .insert(cudaProcesses)
        .values({
          machineId,
          pid: p.pid,
          name: p.name,
          usedMemoryMiB: p.usedMemoryMiB,
          state: p.state,
          stateError: p.stateError,
          lastSeenAt: p.alive ? now : null,
          vanishedAt: null,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [cudaProcesses.machineId, cudaProcesses.pid],
          set: {
            name: sql`coalesce(excluded.name, ${cudaProcesses.name})`,
            usedMemoryMiB: sql`coalesce(excluded.used_memory_mib, ${cudaProcesses.usedMemoryMiB})`,
            state: sql`excluded.state`,
            stateError: sql`excluded.state_error`,
            lastSeenAt: p.alive ? now : sql`${cudaProcesses.lastSeenAt}`,
            vanishedAt: null,
            updatedAt: now,
          },
          setWhere: lt(cudaProcesses.updatedAt, startedAt),
        });
    }
    const seen = list.map((p) => p.pid);
    await tx
      .update(cudaProcesses)
      .set({ vanishedAt: now, state: "gone", stateError: null, updatedAt: now })
      .where(
        and(
          eq(cudaProcesses.machineId, machineId),
          eq(cudaProcesses.checkpointed, false),
          isNull(cudaProcesses.vanishedAt),
          lt(cudaProcesses.updatedAt, startedAt),
          seen.length ? notInArray(cudaProcesses.pid, seen) : undefined,
        ),
      );
    if (unregister.length) {
      await tx
        .update(cudaProcesses)
        .set({
          checkpointed: false,
          vanishedAt: now,
          stateError: "The process exited while checkpointed; there is no image of it to restore.",
          updatedAt: now,
        })
        .where(
          and(
            eq(cudaProcesses.machineId, machineId),
            inArray(cudaProcesses.pid, unregister),
            isNull(cudaProcesses.criuOperationId),
            lt(cudaProcesses.updatedAt, startedAt),
          ),
        );
    }
  });
}

/** After an operation: the state it read back, and whether the PID is in our registry now. */
export async function setProcessAfterOperation(
  db: Db,
  machineId: string,
  pid: number,
  patch: {
    state: string;
    stateError: string | null;
    checkpointed?: boolean;
    criuOperationId?: string | null;
    usedMemoryMiB?: number | null;
    name?: string | null;
  },
  now: Date,
): Promise<void> {
  const set: Partial<CudaProcessRow> = { state: patch.state, stateError: patch.stateError, updatedAt: now };
  if (patch.checkpointed !== undefined) set.checkpointed = patch.checkpointed;
  if (patch.criuOperationId !== undefined) set.criuOperationId = patch.criuOperationId;
  if (patch.usedMemoryMiB != null) set.usedMemoryMiB = patch.usedMemoryMiB;
  if (patch.name) set.name = patch.name;
  if (patch.state !== "gone" || patch.checkpointed) set.vanishedAt = null;
  await db
    .insert(cudaProcesses)
    .values({
      machineId,
      pid,
      name: patch.name ?? null,
      usedMemoryMiB: patch.usedMemoryMiB ?? null,
      state: patch.state,
      stateError: patch.stateError,
      checkpointed: patch.checkpointed ?? false,
      criuOperationId: patch.criuOperationId ?? null,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: [cudaProcesses.machineId, cudaProcesses.pid], set });
}

/**
 * A checkpoint or restore is claimed from queued to running; its deadline is a lease its worker
 * renews. One whose lease lapses is failed by the sweep, never taken again: a checkpoint is not
 * idempotent, so its outcome is reported unknown. A queued one's deadline is how long it may wait.
 */
export const operationLease = leasedRecord({
  table: checkpointOperations,
  id: checkpointOperations.id,
  lease: checkpointOperations.deadlineAt,
  leaseMs: LEASE_MS,
  renewMs: LEASE_RENEW_MS,
  label: "operation",
  status: {
    column: checkpointOperations.status,
    queued: "queued",
    running: "running",
    queuedSince: checkpointOperations.createdAt,
    retakeLapsed: false,
    finishOnlyActive: true,
  },
  startedAt: { column: checkpointOperations.startedAt },
});

/** A setup run is leased like an operation (it installs a driver: not safe to run twice at once). */
export const setupRunLease = leasedRecord({
  table: setupRuns,
  id: setupRuns.id,
  lease: setupRuns.deadlineAt,
  leaseMs: LEASE_MS,
  renewMs: LEASE_RENEW_MS,
  label: "setup",
  status: {
    column: setupRuns.status,
    queued: "queued",
    running: "running",
    queuedSince: setupRuns.startedAt,
    retakeLapsed: false,
    finishOnlyActive: true,
  },
  startedAt: { column: setupRuns.startedAt },
});

/** Ends an operation unless something else (the sweep) already did. */
export async function finishOperation(
  db: Db,
  id: string,
  patch: Partial<Omit<OperationRow, "id" | "machineId" | "userId" | "pid" | "action">>,
): Promise<OperationRow | null> {
  return operationLease.finish(db, id, patch);
}

/** Extends a running operation's lease (its deadline) while its worker is alive. */
export async function renewOperationLease(db: Db, id: string, until: Date): Promise<void> {
  await operationLease.renew(db, id, until);
}

/** Queued operations older than `before` (their job may have been lost with a killed worker). */
export async function queuedOperationIdsBefore(db: Db, before: Date): Promise<string[]> {
  return (await operationLease.needingWork(db, before, { queuedBefore: before })).map((r) => r.id);
}

export async function getOperationById(db: Db, id: string): Promise<OperationRow | null> {
  return firstOrNull(db.select().from(checkpointOperations).where(eq(checkpointOperations.id, id)));
}

/** Queued setup runs asked for before `before` (their job may have been lost with a killed worker). */
export async function queuedSetupRunIdsBefore(db: Db, before: Date): Promise<string[]> {
  return (await setupRunLease.needingWork(db, before, { queuedBefore: before })).map((r) => r.id);
}

export async function appendSetupLog(db: Db, id: string, text: string): Promise<void> {
  if (!text) return;
  await db
    .update(setupRuns)
    .set({ log: sql`${setupRuns.log} || ${text}` })
    .where(eq(setupRuns.id, id));
}

export async function finishSetupRun(
  db: Db,
  id: string,
  patch: { status: "done" | "failed"; error?: string | null; rebootRequired?: boolean; endedAt: Date },
): Promise<void> {
  await setupRunLease.finish(db, id, patch);
}

/** Machines whose processes a page is watching (the refresh job keeps going for these). */
export async function isWatched(db: Db, machineId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: agentStates.machineId })
    .from(agentStates)
    .where(and(eq(agentStates.machineId, machineId), gt(agentStates.watchedUntil, now)));
  return !!row;
}

export async function listWatchedMachineIds(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: agentStates.machineId })
    .from(agentStates)
    .where(gt(agentStates.watchedUntil, now));
  return rows.map((r) => r.id);
}

/**
 * Marks operations and setup runs past their deadline failed (their worker died, or never picked
 * them up), so no record stays "running" forever. Returns what it marked.
 */
export async function failExpired(db: Db, now: Date): Promise<{ operations: OperationRow[]; setupRuns: number }> {
  const ops = await operationLease.failLapsed(db, now, {
    status: "failed",
    endedAt: now,
    errorCode: "timed_out",
    error: sql`case when ${checkpointOperations.status} = 'queued'
      then 'No worker picked this operation up in time; nothing was done. Try again.'
      else 'The operation did not report back before its deadline (the worker running it stopped, or lost the machine), so its outcome is unknown. The process state is being read again; check it before you retry.' end`,
    durationMs: sql`case when ${checkpointOperations.startedAt} is null then null else (extract(epoch from (${now.toISOString()}::timestamptz - ${checkpointOperations.startedAt})) * 1000)::int end`,
  });
  const runs = await setupRunLease.failLapsed(db, now, {
    status: "failed",
    endedAt: now,
    error:
      "Setup did not report back before its deadline (the worker running it stopped, or lost the machine). Probe the machine to see what it changed, then run setup again.",
  });
  return { operations: ops, setupRuns: runs.length };
}

/** Queued and running operations on a machine (the page disables those processes' buttons). */
export async function activeOperations(db: Db, userId: string, machineId: string): Promise<OperationRow[]> {
  return db
    .select()
    .from(checkpointOperations)
    .where(
      and(
        userMachineRows(checkpointOperations, userId, machineId),
        inArray(checkpointOperations.status, ["queued", "running"]),
      ),
    );
}
