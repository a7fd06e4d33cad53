import "server-only";
import { and, asc, desc, eq, inArray, notInArray } from "drizzle-orm";
import { isRecordId } from "@/lib/record-id";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { findUserRow, userRow } from "./user-rows";
import { leasedRecord } from "@/db/leased-record";
import { STEP_LEASE_MS, STEP_LEASE_RENEW_MS } from "@/lib/deadlines";
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

/** Every machine page, route and action looks a machine up by this. */
export async function getMachine(db: Db, userId: string, id: string): Promise<MachineRow | null> {
  return findUserRow(db, machines, userId, id);
}

export async function listMachines(
  db: Db,
  userId: string,
  opts: { includeDestroyed?: boolean } = {},
): Promise<MachineRow[]> {
  return db
    .select()
    .from(machines)
    .where(
      and(eq(machines.userId, userId), opts.includeDestroyed ? undefined : notInArray(machines.status, ["destroyed"])),
    )
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
    .select({
      id: machineEvents.id,
      step: machineEvents.step,
      outcome: machineEvents.outcome,
      message: machineEvents.message,
      at: machineEvents.at,
    })
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
  return firstOrNull(db.select().from(machines).where(eq(machines.id, id)));
}

/**
 * A machine is leased for one step at a time; a lapsed lease (the worker died mid-step) frees it for
 * the next step. A final machine is never taken.
 */
export const machineLease = leasedRecord({
  table: machines,
  id: machines.id,
  lease: machines.leaseUntil,
  leaseMs: STEP_LEASE_MS,
  renewMs: STEP_LEASE_RENEW_MS,
  label: "machine",
  claimable: () => notInArray(machines.status, FINAL_STATUSES),
});

/** Machines a job should be working on: not final or settled, not held by a live step, and not just changed. */
export async function listMachinesNeedingWork(db: Db, now: Date, idleMs: number): Promise<{ id: string }[]> {
  const rows = await machineLease.needingWork(db, now, {
    where: notInArray(machines.status, [...FINAL_STATUSES, "running", "stopped"]),
    idleSince: { column: machines.updatedAt, before: new Date(now.getTime() - idleMs) },
    limit: 500,
  });
  return rows.map((r) => ({ id: r.id }));
}

/** The OpenSSH public key the machine was ordered with (owner-filtered through the machine row). */
export async function machineSshPublicKey(db: Db, m: Pick<MachineRow, "userId" | "sshKeyId">): Promise<string | null> {
  if (!m.sshKeyId || !isRecordId(m.sshKeyId)) return null;
  const [row] = await db
    .select({ publicKey: sshKeys.publicKey })
    .from(sshKeys)
    .where(userRow(sshKeys, m.userId, m.sshKeyId));
  return row?.publicKey ?? null;
}
