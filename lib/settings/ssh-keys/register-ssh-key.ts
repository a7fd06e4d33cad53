import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { findSshKeyByFingerprint, insertSshKey } from "@/db/queries/ssh-keys";
import { fieldErrors } from "@/lib/auth/schemas";
import type { ServiceResult } from "@/lib/service-result";
import { parsePublicKey } from "./parse-public-key";
import { registerSshKeySchema } from "./schemas";
import { toSshKeyDto } from "./to-dto";
import type { SshKeyDto } from "./types";

export type RegisterSshKeyResult = ServiceResult<SshKeyDto> & { privateKeyPasted?: boolean };

/**
 * Registers one of the user's existing public keys (ed25519, ecdsa, or RSA ≥ 2048 bits), so new
 * machines let the user's own ssh in. `privateKeyPasted` tells the caller not to echo the input back.
 */
export async function registerSshKey(db: Db, userId: string, input: unknown): Promise<RegisterSshKeyResult> {
  const parsed = registerSshKeySchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const key = parsePublicKey(parsed.data.publicKey);
  if (!key.ok) return { ok: false, fieldErrors: { publicKey: key.message }, privateKeyPasted: key.privateKey };
  const same = await findSshKeyByFingerprint(db, userId, key.fingerprint);
  if (same) return { ok: false, fieldErrors: { publicKey: `You already have this key, as “${same.name}”.` } };
  const row = await insertSshKey(db, userId, {
    id: crypto.randomUUID(),
    name: parsed.data.name,
    publicKey: key.line,
    fingerprint: key.fingerprint,
    sealedPrivateKey: null,
  });
  return { ok: true, data: toSshKeyDto(row) };
}
