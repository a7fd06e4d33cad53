import "server-only";
import type { Db } from "@/db";
import { machineSshPublicKey, type MachineRow } from "@/db/queries/machines";

export class MissingSshKeyError extends Error {
  constructor() {
    super("The SSH key chosen for this machine was deleted. Deploy again with another key.");
  }
}

export async function getMachineSshPublicKey(db: Db, m: MachineRow): Promise<string> {
  const key = await machineSshPublicKey(db, m);
  if (!key) throw new MissingSshKeyError();
  return key;
}
