import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { insertApiToken } from "@/db/queries/api-tokens";
import { invalidInput } from "@/lib/errors";
import { createApiTokenSchema } from "./schemas";
import { hashToken, newToken, tokenPrefix } from "./token-format";
import type { CreatedApiToken } from "./types";

/**
 * Creates a personal API token for the user. Only its SHA-256 hash and prefix are stored; the
 * plaintext is in the result and nowhere else, so the caller must show it now. Bad input is a
 * DomainError with a message per field.
 */
export async function createApiToken(db: Db, userId: string, input: unknown): Promise<CreatedApiToken> {
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const plaintext = newToken();
  const token = await insertApiToken(db, userId, {
    id: crypto.randomUUID(),
    name: parsed.data.name,
    tokenHash: hashToken(plaintext),
    prefix: tokenPrefix(plaintext),
  });
  return { token, plaintext };
}
