import "server-only";
import type { Db } from "@/db";
import { getProviderKey } from "@/lib/settings";
import { SealedValueCorruptError, SecretKeyLostError } from "@/lib/crypto/errors";
import { DomainError } from "@/lib/errors";
import { getAdapter, PROVIDER_INFO, type ProviderAdapter, type ProviderSlug } from "@/lib/providers";
import { inSandbox, providerBaseUrl } from "@/lib/providers/endpoints";
import { getEnv } from "@/lib/env";

// The key a user's calls go out with: their stored key, or in sandbox mode a stand-in that the
// simulator accepts, so a new user can try everything without any account.
export const SANDBOX_KEY = "sandbox-demo-key";

export async function providerKeyFor(
  db: Db,
  userId: string,
  provider: ProviderSlug,
): Promise<{ key: string; stored: boolean } | null> {
  let key: string | null;
  try {
    key = await getProviderKey(db, userId, provider);
  } catch (e) {
    // DUMONT_SECRET_KEY changed (or the sealed value is damaged): say so, with what to do, instead of
    // a 500 or "something went wrong" on the deploy page, its offers and the API.
    if (e instanceof SecretKeyLostError || e instanceof SealedValueCorruptError)
      throw new DomainError("no_key", e.message);
    throw e;
  }
  if (key) return { key, stored: true };
  return inSandbox() ? { key: SANDBOX_KEY, stored: false } : null;
}

/** The provider client for a user, or a `no_key` error that says where to add one. */
export async function adapterForUser(db: Db, userId: string, provider: ProviderSlug): Promise<ProviderAdapter> {
  const k = await providerKeyFor(db, userId, provider);
  if (!k) throw new DomainError("no_key", `Add a ${PROVIDER_INFO[provider].label} API key in Settings first.`);
  return getAdapter(provider, {
    apiKey: k.key,
    baseUrl: providerBaseUrl(provider),
    timeoutMs: getEnv().providerTimeoutMs,
  });
}
