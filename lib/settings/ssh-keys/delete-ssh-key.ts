import "server-only";
import type { Db } from "@/db";
import { deleteSshKey as deleteRow } from "@/db/queries/ssh-keys";
import { recordIdSchema } from "@/lib/record-id";

/** Deletes one of the user's SSH keys; false when the id is not theirs or is gone already. */
export async function deleteSshKey(db: Db, userId: string, id: unknown): Promise<boolean> {
  const parsed = recordIdSchema.safeParse(id);
  if (!parsed.success) return false;
  return (await deleteRow(db, userId, parsed.data)) !== null;
}
