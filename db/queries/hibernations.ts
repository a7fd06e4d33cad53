import "server-only";
import { and, desc, eq, inArray, notInArray, or, sql } from "drizzle-orm";
import { isRecordId } from "@/lib/record-id";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { findUserRow, userMachineRows } from "./user-rows";
import { HIBERNATE_SWEEP_IDLE_MS, LEASE_MS, LEASE_RENEW_MS } from "@/lib/deadlines";
import { leasedRecord } from "@/db/leased-record";
import { HIBERNATE_ACTIVE, RESUME_ACTIVE, hibernations, objectStores, type HibernationStep } from "../schema";

export type HibernationRow = typeof hibernations.$inferSelect;
export type ObjectStoreRow = typeof objectStores.$inferSelect;

export async function getObjectStore(db: Db, userId: string): Promise<ObjectStoreRow | null> {
  return firstOrNull(db.select().from(objectStores).where(eq(objectStores.userId, userId)));
}

export async function upsertObjectStore(db: Db, row: typeof objectStores.$inferInsert): Promise<ObjectStoreRow> {
  const { id: _id, userId: _u, createdAt: _c, ...rest } = row;
  const [saved] = await db
    .insert(objectStores)
    .values(row)
    .onConflictDoUpdate({ target: objectStores.userId, set: rest })
    .returning();
  return saved!;
}

export async function deleteObjectStore(db: Db, userId: string): Promise<void> {
  await db.delete(objectStores).where(eq(objectStores.userId, userId));
}

export async function insertHibernation(db: Db, row: typeof hibernations.$inferInsert): Promise<HibernationRow> {
  const [saved] = await db.insert(hibernations).values(row).returning();
  return saved!;
}

export async function getHibernation(db: Db, userId: string, id: string): Promise<HibernationRow | null> {
  return findUserRow(db, hibernations, userId, id);
}

export async function getHibernationById(db: Db, id: string): Promise<HibernationRow | null> {
  return firstOrNull(db.select().from(hibernations).where(eq(hibernations.id, id)));
}

/** The latest hibernation of a machine, whether it was the one hibernated or the one resumed onto. */
export async function hibernationForMachine(
  db: Db,
  userId: string,
  machineId: string,
): Promise<{ source: HibernationRow | null; resumedFrom: HibernationRow | null }> {
  if (!isRecordId(machineId)) return { source: null, resumedFrom: null };
  const rows = await db
    .select()
    .from(hibernations)
    .where(
      and(
        eq(hibernations.userId, userId),
        or(eq(hibernations.machineId, machineId), eq(hibernations.resumeMachineId, machineId)),
      ),
    )
    .orderBy(desc(hibernations.createdAt));
  return {
    source: rows.find((r) => r.machineId === machineId) ?? null,
    resumedFrom: rows.find((r) => r.resumeMachineId === machineId) ?? null,
  };
}

export async function listHibernations(db: Db, userId: string): Promise<HibernationRow[]> {
  return db.select().from(hibernations).where(eq(hibernations.userId, userId)).orderBy(desc(hibernations.createdAt));
}

/** A hibernate or resume still under way on this machine (a second request is refused). */
export async function activeHibernation(db: Db, userId: string, machineId: string): Promise<HibernationRow | null> {
  return firstOrNull(
    db
      .select()
      .from(hibernations)
      .where(
        and(userMachineRows(hibernations, userId, machineId), inArray(hibernations.status, [...HIBERNATE_ACTIVE])),
      ),
  );
}

/**
 * A hibernation is leased by the worker carrying it forward, phase by phase; a lapsed lease (the
 * worker died) frees it for the next worker, which resumes from the phase the row records.
 */
export const hibernationLease = leasedRecord({
  table: hibernations,
  id: hibernations.id,
  lease: hibernations.leaseUntil,
  leaseMs: LEASE_MS,
  renewMs: LEASE_RENEW_MS,
  label: "hibernation",
});

/** Writes a patch and appends steps in one statement (jsonb concatenation keeps concurrent readers consistent). */
export async function updateHibernation(
  db: Db,
  id: string,
  patch: Partial<Omit<HibernationRow, "id" | "userId" | "steps">>,
  steps: HibernationStep[] = [],
): Promise<HibernationRow> {
  const [row] = await db
    .update(hibernations)
    .set({
      ...patch,
      updatedAt: new Date(),
      ...(steps.length ? { steps: sql`${hibernations.steps} || ${JSON.stringify(steps)}::jsonb` } : {}),
    })
    .where(eq(hibernations.id, id))
    .returning();
  return row!;
}

/** Records a worker left mid-way (lease lapsed, or never taken): the sweep sends them again. */
export async function hibernationsNeedingWork(db: Db, now: Date): Promise<HibernationRow[]> {
  return hibernationLease.needingWork(db, now, {
    where: and(
      or(
        inArray(hibernations.status, [...HIBERNATE_ACTIVE]),
        and(eq(hibernations.status, "hibernated"), inArray(hibernations.resumeStatus, [...RESUME_ACTIVE])),
      ),
      notInArray(hibernations.status, ["failed"]),
    ),
    idleSince: { column: hibernations.updatedAt, before: new Date(now.getTime() - HIBERNATE_SWEEP_IDLE_MS) },
  });
}

/** The latest hibernation of each of these machines, for the machines list and page (one query). */
export async function hibernationsOfMachines(
  db: Db,
  userId: string,
  machineIds: string[],
): Promise<Map<string, Pick<HibernationRow, "id" | "status" | "resumeStatus">>> {
  const out = new Map<string, Pick<HibernationRow, "id" | "status" | "resumeStatus">>();
  if (!machineIds.length) return out;
  const rows = await db
    .select({
      id: hibernations.id,
      machineId: hibernations.machineId,
      status: hibernations.status,
      resumeStatus: hibernations.resumeStatus,
    })
    .from(hibernations)
    .where(and(eq(hibernations.userId, userId), inArray(hibernations.machineId, machineIds)))
    .orderBy(desc(hibernations.createdAt));
  for (const r of rows)
    if (!out.has(r.machineId)) out.set(r.machineId, { id: r.id, status: r.status, resumeStatus: r.resumeStatus });
  return out;
}

/** Machines destroyed into a stored image not yet resumed: the machines list keeps showing them, to resume. */
export async function hibernatedMachineIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .select({ machineId: hibernations.machineId, resumeStatus: hibernations.resumeStatus })
    .from(hibernations)
    .where(and(eq(hibernations.userId, userId), eq(hibernations.status, "hibernated")));
  return rows.filter((r) => r.resumeStatus !== "resumed").map((r) => r.machineId);
}
