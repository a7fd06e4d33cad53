import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { findSshKeyByFingerprint, insertSshKey } from "@/db/queries/ssh-keys";
import { DomainError, invalidInput } from "@/lib/errors";
import { parsePublicKey } from "./parse-public-key";
import { registerSshKeySchema } from "./schemas";
import { toSshKeyDto } from "./to-dto";
import type { SshKeyDto } from "./types";

/**
 * Registers one of the user's existing public keys (ed25519, ecdsa, or RSA ≥ 2048 bits), so new
 * machines let the user's own ssh in. A refusal is a DomainError on the publicKey field; a pasted
 * private key is refused with PRIVATE_KEY_PASTED, so the caller knows not to echo the input back.
 */
export async function registerSshKey(db: Db, userId: string, input: unknown): Promise<SshKeyDto> {
  const parsed = registerSshKeySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const key = parsePublicKey(parsed.data.publicKey);
  if (!key.ok) throw new DomainError("invalid", key.message, { publicKey: key.message });
  const same = await findSshKeyByFingerprint(db, userId, key.fingerprint);
  if (same) {
    const message = `You already have this key, as “${same.name}”.`;
    throw new DomainError("conflict", message, { publicKey: message });
  }
  const row = await insertSshKey(db, userId, {
    id: crypto.randomUUID(),
    name: parsed.data.name,
    publicKey: key.line,
    fingerprint: key.fingerprint,
    sealedPrivateKey: null,
  });
  return toSshKeyDto(row);
}
