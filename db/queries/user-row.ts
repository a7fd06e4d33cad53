// One row of a user's: the filter and the read that the per-domain lookups by id share.

import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** Row `id` of the table, only when it is the user's: another user's id simply finds nothing. */
export function userRow(table: { id: PgColumn; userId: PgColumn }, userId: string, id: string): SQL {
  return and(eq(table.userId, userId), eq(table.id, id))!;
}

/** The first row a query returns, or null when it returns none. */
export async function firstOrNull<T>(query: PromiseLike<T[]>): Promise<T | null> {
  const [row] = await query;
  return row ?? null;
}
