import "server-only";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { apiTokens } from "../schema";

/** What a list may show: never the hash. */
const listColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select(listColumns)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), apiTokens.id);
}

export async function insertApiToken(
  db: Db,
  userId: string,
  v: { id: string; name: string; tokenHash: string; prefix: string },
) {
  const [row] = await db
    .insert(apiTokens)
    .values({ ...v, userId })
    .returning(listColumns);
  return row!;
}

/** Revokes a live token of this user; null when there is none (unknown, foreign or already revoked). */
export async function revokeApiToken(db: Db, userId: string, id: string, now: Date) {
  return firstOrNull(
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name }),
  );
}

/**
 * The one lookup not scoped by user: authentication, where the hash is what identifies the user.
 * Returns only what the caller needs to decide.
 */
export async function findTokenByHash(db: Db, tokenHash: string) {
  return firstOrNull(
    db
      .select({
        id: apiTokens.id,
        userId: apiTokens.userId,
        revokedAt: apiTokens.revokedAt,
        lastUsedAt: apiTokens.lastUsedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, tokenHash)),
  );
}

/** Sets lastUsedAt unless it was set within `minIntervalMs`: one conditional write, so concurrent
 *  requests with the same token cost at most one update a minute. */
export async function touchApiToken(db: Db, id: string, now: Date, minIntervalMs: number) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - minIntervalMs))),
      ),
    );
}
