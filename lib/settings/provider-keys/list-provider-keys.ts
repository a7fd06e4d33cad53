import "server-only";
import type { Db } from "@/db";
import { listProviderCredentials } from "@/db/queries/credentials";
import { toProviderKeyDto } from "./to-dto";
import type { ProviderKeyDto } from "./types";

/** The user's saved provider keys (last four characters only). Reads no secret, so it cannot fail on a lost key. */
export async function listProviderKeys(db: Db, userId: string): Promise<ProviderKeyDto[]> {
  const rows = await listProviderCredentials(db, userId);
  return rows.map(toProviderKeyDto).filter((k): k is ProviderKeyDto => k !== null);
}
