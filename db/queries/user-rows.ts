// The user's rows: the filters (and the lookup by id) that keep every query to one user's data.

import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { isRecordId } from "@/lib/record-id";
import type { Db } from "../index";

/** Row `id` of the table, only when it is the user's: another user's id simply finds nothing. */
export function userRow(table: { id: PgColumn; userId: PgColumn }, userId: string, id: string): SQL {
  return and(eq(table.userId, userId), eq(table.id, id))!;
}

/** The user's rows about one machine (probes, operations, setup runs, limits, hibernations). */
export function userMachineRows(
  table: { userId: PgColumn; machineId: PgColumn },
  userId: string,
  machineId: string,
): SQL {
  return and(eq(table.userId, userId), eq(table.machineId, machineId))!;
}

/**
 * The user's row with this id, as the pages and routes look it up: an impossible id (a NUL byte fails
 * the query) is simply not found, like another user's.
 */
export async function findUserRow<T extends PgTable & { id: PgColumn; userId: PgColumn }>(
  db: Db,
  table: T,
  userId: string,
  id: string,
): Promise<T["$inferSelect"] | null> {
  if (!isRecordId(id)) return null;
  const rows: T["$inferSelect"][] = await db
    .select()
    .from(table as PgTable)
    .where(userRow(table, userId, id));
  return rows[0] ?? null;
}
