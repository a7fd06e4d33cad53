import "server-only";
import type { Db } from "@/db";
import { findTokenByHash, touchApiToken } from "@/db/queries/api-tokens";
import { hashToken, looksLikeToken } from "./token-format";

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves an `Authorization: Bearer dcl_…` header to the token's owner, or null for a missing,
 * malformed, unknown or revoked token. The user id it returns is what every later query must
 * filter on. Records lastUsedAt at most once a minute per token.
 */
export async function authenticateBearer(
  db: Db,
  authorization: string | null | undefined,
  now = new Date(),
): Promise<{ userId: string; tokenId: string } | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = m?.[1];
  // Shape check first: garbage never reaches the database.
  if (!token || !looksLikeToken(token)) return null;
  const row = await findTokenByHash(db, hashToken(token));
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
    await touchApiToken(db, row.id, now, TOUCH_INTERVAL_MS);
  }
  return { userId: row.userId, tokenId: row.id };
}
