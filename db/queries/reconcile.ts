import "server-only";
import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db } from "../index";
import { findUserRow, userRow } from "./user-rows";
import { machines, reconcileFindings } from "../schema";

export type Finding = typeof reconcileFindings.$inferSelect;

/** Replaces one user's findings for one provider with what the last pass saw. */
export async function replaceFindings(
  db: Db,
  userId: string,
  provider: string,
  rows: Omit<Finding, "id" | "userId" | "provider" | "seenAt">[],
  now: Date,
) {
  await db.transaction(async (tx) => {
    await tx
      .delete(reconcileFindings)
      .where(and(eq(reconcileFindings.userId, userId), eq(reconcileFindings.provider, provider)));
    if (rows.length)
      await tx
        .insert(reconcileFindings)
        .values(rows.map((r) => ({ ...r, id: crypto.randomUUID(), userId, provider, seenAt: now })));
  });
}

export async function listFindings(db: Db, userId: string): Promise<Finding[]> {
  return db.select().from(reconcileFindings).where(eq(reconcileFindings.userId, userId));
}

export async function getFinding(db: Db, userId: string, id: string): Promise<Finding | null> {
  return findUserRow(db, reconcileFindings, userId, id);
}

export async function deleteFinding(db: Db, userId: string, id: string) {
  await db.delete(reconcileFindings).where(userRow(reconcileFindings, userId, id));
}

/** Owners of the machine ids found in provider tags (so another user's instance is never called ours). */
export async function machineOwners(db: Db, ids: string[]): Promise<Map<string, { userId: string; status: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: machines.id, userId: machines.userId, status: machines.status })
    .from(machines)
    .where(inArray(machines.id, ids));
  return new Map(rows.map((r) => [r.id, { userId: r.userId, status: r.status }]));
}

/** The user's machines at one provider that should exist there (ordered and not yet gone). */
export async function liveMachinesAt(db: Db, userId: string, provider: string) {
  return db
    .select({
      id: machines.id,
      name: machines.name,
      providerInstanceId: machines.providerInstanceId,
      status: machines.status,
      pricePerHourMicros: machines.pricePerHourMicros,
    })
    .from(machines)
    .where(
      and(
        eq(machines.userId, userId),
        eq(machines.provider, provider),
        eq(machines.origin, "deployed"),
        notInArray(machines.status, ["requested", "creating", "destroyed", "failed"]),
      ),
    );
}

/** Users who have machines or keys at providers: the reconciler's work list. */
export async function usersWithMachines(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ userId: machines.userId }).from(machines);
  return rows.map((r) => r.userId);
}
