import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, notInArray, or } from "drizzle-orm";
import { isRecordId } from "@/lib/record-id";
import type { Db } from "../index";
import { machineEvents, machines, sshKeys, usageIntervals, type MachineStatus } from "../schema";

export type MachineRow = typeof machines.$inferSelect;
export type NewMachine = typeof machines.$inferInsert;
export const FINAL_STATUSES: MachineStatus[] = ["destroyed", "failed"];

/** Inserts a machine unless the same user already sent this request key; returns the row either way. */
export async function insertMachine(db: Db, m: NewMachine): Promise<{ row: MachineRow; created: boolean }> {
  const [row] = await db.insert(machines).values(m).onConflictDoNothing().returning();
  if (row) return { row, created: true };
  const [existing] = await db
    .select()
    .from(machines)
    .where(and(eq(machines.userId, m.userId), eq(machines.requestKey, m.requestKey ?? "")));
  if (!existing) throw new Error("machine insert conflicted but no row was found");
  return { row: existing, created: false };
}

export async function getMachine(db: Db, userId: string, id: string): Promise<MachineRow | null> {
  // Every machine page, route and action looks up by this: an impossible id (a NUL byte fails the query) is not found.
  if (!isRecordId(id)) return null;
  const [row] = await db.select().from(machines).where(and(eq(machines.userId, userId), eq(machines.id, id)));
  return row ?? null;
}

export async function listMachines(db: Db, userId: string, opts: { includeDestroyed?: boolean } = {}): Promise<MachineRow[]> {
  return db
    .select()
    .from(machines)
    .where(and(eq(machines.userId, userId), opts.includeDestroyed ? undefined : notInArray(machines.status, ["destroyed"])))
    .orderBy(desc(machines.createdAt));
}

export async function listMachinesByIds(db: Db, userId: string, ids: string[]): Promise<MachineRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(machines)
    .where(and(eq(machines.userId, userId), inArray(machines.id, ids)))
    .orderBy(desc(machines.createdAt));
}

export async function listEvents(db: Db, userId: string, machineId: string) {
  return db
    .select({ id: machineEvents.id, step: machineEvents.step, outcome: machineEvents.outcome, message: machineEvents.message, at: machineEvents.at })
    .from(machineEvents)
    .innerJoin(machines, eq(machines.id, machineEvents.machineId))
    .where(and(eq(machines.userId, userId), eq(machineEvents.machineId, machineId)))
    .orderBy(asc(machineEvents.seq));
}

export async function listIntervals(db: Db, userId: string, machineIds: string[]) {
  if (machineIds.length === 0) return [];
  return db
    .select()
    .from(usageIntervals)
    .where(and(eq(usageIntervals.userId, userId), inArray(usageIntervals.machineId, machineIds)))
    .orderBy(asc(usageIntervals.startedAt));
}

// ---- For jobs. A job acts on the machine named in its payload; the row carries its owner. ----

export async function getMachineById(db: Db, id: string): Promise<MachineRow | null> {
  const [row] = await db.select().from(machines).where(eq(machines.id, id));
  return row ?? null;
}

/** Takes the machine for one step unless another worker holds it; null when it is taken or final. */
export async function claimMachine(db: Db, id: string, now: Date, leaseMs: number): Promise<MachineRow | null> {
  const [row] = await db
    .update(machines)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(and(eq(machines.id, id), or(isNull(machines.leaseUntil), lt(machines.leaseUntil, now)), notInArray(machines.status, FINAL_STATUSES)))
    .returning();
  return row ?? null;
}

/**
 * Extends a step's lease while its worker is alive. Only a lease still held: a renewal that arrives
 * after the step released the machine must not lock it again.
 */
export async function renewMachineLease(db: Db, id: string, until: Date) {
  await db
    .update(machines)
    .set({ leaseUntil: until })
    .where(and(eq(machines.id, id), isNotNull(machines.leaseUntil)));
}

export async function releaseMachine(db: Db, id: string) {
  await db.update(machines).set({ leaseUntil: null }).where(eq(machines.id, id));
}

/** Machines a job should be working on: not final and not held by a live step. */
export async function listMachinesNeedingWork(db: Db, now: Date, idleMs: number): Promise<{ id: string }[]> {
  return db
    .select({ id: machines.id })
    .from(machines)
    .where(
      and(
        notInArray(machines.status, [...FINAL_STATUSES, "running", "stopped"]),
        or(isNull(machines.leaseUntil), lt(machines.leaseUntil, now)),
        lt(machines.updatedAt, new Date(now.getTime() - idleMs)),
      ),
    )
    .limit(500);
}



/** The OpenSSH public key the machine was ordered with (owner-filtered through the machine row). */
export async function machineSshPublicKey(db: Db, m: Pick<MachineRow, "userId" | "sshKeyId">): Promise<string | null> {
  if (!m.sshKeyId || !isRecordId(m.sshKeyId)) return null;
  const [row] = await db
    .select({ publicKey: sshKeys.publicKey })
    .from(sshKeys)
    .where(and(eq(sshKeys.userId, m.userId), eq(sshKeys.id, m.sshKeyId)));
  return row?.publicKey ?? null;
}
