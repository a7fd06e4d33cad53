import "server-only";
import type { Db } from "@/db";
import { revokeApiToken as revokeRow } from "@/db/queries/api-tokens";
import { recordIdSchema } from "@/lib/record-id";

/** Revokes one of the user's live tokens at once; false when the id is not theirs or is revoked already. */
export async function revokeApiToken(db: Db, userId: string, id: unknown, now = new Date()): Promise<boolean> {
  const parsed = recordIdSchema.safeParse(id);
  if (!parsed.success) return false;
  return (await revokeRow(db, userId, parsed.data, now)) !== null;
}
