import "server-only";
import type { Db } from "@/db";
import { listSshKeys as listRows } from "@/db/queries/ssh-keys";
import { toSshKeyDto } from "./to-dto";
import type { SshKeyDto } from "./types";

/** The user's SSH keys, public halves only, newest first. Opens no sealed value. */
export async function listSshKeys(db: Db, userId: string): Promise<SshKeyDto[]> {
  return (await listRows(db, userId)).map(toSshKeyDto);
}
