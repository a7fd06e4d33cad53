import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { userRow } from "./user-rows";
import { providerCredentials } from "../schema";

// Every function takes the user id and filters on it: another user's id simply finds nothing.

/** What a list may show: never the sealed value, only the id of the key that sealed it. */
const listColumns = {
  id: providerCredentials.id,
  provider: providerCredentials.provider,
  last4: providerCredentials.last4,
  createdAt: providerCredentials.createdAt,
  sealKeyId: sql<string>`split_part(${providerCredentials.sealedKey}, '.', 2)`,
};

export async function listProviderCredentials(db: Db, userId: string) {
  return db
    .select(listColumns)
    .from(providerCredentials)
    .where(eq(providerCredentials.userId, userId))
    .orderBy(asc(providerCredentials.provider));
}

/** One key per user and provider: saving again replaces the old one (same row id). */
export async function upsertProviderCredential(
  db: Db,
  userId: string,
  v: { id: string; provider: string; sealedKey: string; last4: string },
) {
  const [row] = await db
    .insert(providerCredentials)
    .values({ ...v, userId })
    .onConflictDoUpdate({
      target: [providerCredentials.userId, providerCredentials.provider],
      set: { sealedKey: v.sealedKey, last4: v.last4, createdAt: sql`now()` },
    })
    .returning(listColumns);
  return row!;
}

export async function deleteProviderCredential(
  db: Db,
  userId: string,
  id: string,
): Promise<{ provider: string } | null> {
  return firstOrNull(
    db
      .delete(providerCredentials)
      .where(userRow(providerCredentials, userId, id))
      .returning({ provider: providerCredentials.provider }),
  );
}

/** Server-side only (jobs): the sealed key for unsealing. Never return it to a client. */
export async function findSealedProviderKey(db: Db, userId: string, provider: string): Promise<string | null> {
  const [row] = await db
    .select({ sealedKey: providerCredentials.sealedKey })
    .from(providerCredentials)
    .where(and(eq(providerCredentials.userId, userId), eq(providerCredentials.provider, provider)));
  return row?.sealedKey ?? null;
}
