import "server-only";
import type { Db } from "@/db";
import { findSealedPrivateKey } from "@/db/queries/ssh-keys";
import { unseal } from "@/lib/crypto/seal";
import { sshKeyContext } from "./to-dto";

/**
 * For the app's own SSH agent only: the OpenSSH private key of one of the user's generated keys,
 * with its public line. Null when the id is not the user's or the key was registered (no private
 * half). Throws SecretKeyLostError when the secret key changed. Never log or return it to a client.
 */
export async function getAgentPrivateKey(
  db: Db,
  userId: string,
  keyId: string,
): Promise<{ privateKey: string; publicKey: string } | null> {
  const row = await findSealedPrivateKey(db, userId, keyId);
  if (!row?.sealedPrivateKey) return null;
  return { privateKey: unseal(row.sealedPrivateKey, sshKeyContext(userId, keyId)), publicKey: row.publicKey };
}
