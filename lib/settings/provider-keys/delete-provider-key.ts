import "server-only";
import type { Db } from "@/db";
import { deleteProviderCredential } from "@/db/queries/credentials";
import { recordIdSchema } from "@/lib/record-id";

/** Deletes one of the user's provider keys; false when the id is not theirs or is gone already. */
export async function deleteProviderKey(db: Db, userId: string, id: unknown): Promise<boolean> {
  const parsed = recordIdSchema.safeParse(id);
  if (!parsed.success) return false;
  return (await deleteProviderCredential(db, userId, parsed.data)) !== null;
}
