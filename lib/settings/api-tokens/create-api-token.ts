import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { insertApiToken } from "@/db/queries/api-tokens";
import { fieldErrors } from "@/lib/auth/schemas";
import type { ServiceResult } from "@/lib/service-result";
import { createApiTokenSchema } from "./schemas";
import { hashToken, newToken, tokenPrefix } from "./token-format";
import type { CreatedApiToken } from "./types";

/**
 * Creates a personal API token for the user. Only its SHA-256 hash and prefix are stored; the
 * plaintext is in the result and nowhere else, so the caller must show it now.
 */
export async function createApiToken(db: Db, userId: string, input: unknown): Promise<ServiceResult<CreatedApiToken>> {
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const plaintext = newToken();
  const token = await insertApiToken(db, userId, {
    id: crypto.randomUUID(),
    name: parsed.data.name,
    tokenHash: hashToken(plaintext),
    prefix: tokenPrefix(plaintext),
  });
  return { ok: true, data: { token, plaintext } };
}
