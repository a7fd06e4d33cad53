import "server-only";
import type { Db } from "@/db";
import { findSshKey } from "@/db/queries/ssh-keys";
import { recordIdSchema } from "@/lib/record-id";
import { toSshKeyDto } from "./to-dto";
import type { SshKeyDto } from "./types";

/** One of the user's SSH keys (public half), or null when the id is not theirs. */
export async function getSshKey(db: Db, userId: string, id: unknown): Promise<SshKeyDto | null> {
  const parsed = recordIdSchema.safeParse(id);
  if (!parsed.success) return null;
  const row = await findSshKey(db, userId, parsed.data);
  return row ? toSshKeyDto(row) : null;
}
