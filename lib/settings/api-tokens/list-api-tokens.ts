import "server-only";
import type { Db } from "@/db";
import { listApiTokens as listRows } from "@/db/queries/api-tokens";
import type { ApiTokenDto } from "./types";

/** The user's tokens, revoked ones included (marked), newest first. No hashes. */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenDto[]> {
  return listRows(db, userId);
}
