import "server-only";
import type { Db } from "@/db";
import { findSealedProviderKey } from "@/db/queries/credentials";
import { unseal } from "@/lib/crypto/seal";
import type { ProviderSlug } from "@/lib/providers/types";
import { providerKeyContext } from "./to-dto";

/**
 * The plaintext API key for server-side work (jobs, adapters); null when the user saved none.
 * Throws SecretKeyLostError when the secret key changed since it was saved. Never send the result
 * to a browser or a log.
 */
export async function getProviderKey(db: Db, userId: string, provider: ProviderSlug): Promise<string | null> {
  const sealed = await findSealedProviderKey(db, userId, provider);
  return sealed === null ? null : unseal(sealed, providerKeyContext(userId, provider));
}
