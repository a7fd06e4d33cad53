import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { upsertProviderCredential } from "@/db/queries/credentials";
import { seal } from "@/lib/crypto/seal";
import { invalidInput } from "@/lib/errors";
import { isProviderError } from "@/lib/http";
import { getAdapter, PROVIDER_INFO } from "@/lib/providers/registry";
import type { AdapterOptions } from "@/lib/providers/types";
import { providerBaseUrl } from "@/lib/providers/endpoints";
import { providerKeySchema } from "./schemas";
import { providerKeyContext, toProviderKeyDto } from "./to-dto";
import type { ProviderKeyDto } from "./types";
import { verifyKeyError } from "./verify-key-error";

// The check runs inside the user's request, so it gets a shorter leash than a job's calls.
const VERIFY_OPTIONS: Omit<AdapterOptions, "apiKey"> = {
  timeoutMs: 10_000,
  retry: { attempts: 2, baseDelayMs: 300, maxDelayMs: 2_000 },
};

/**
 * Saves the user's API key for one provider after one cheap authenticated call proves it works.
 * The key is sealed (AES-256-GCM) and replaces any earlier key for that provider; afterwards only
 * its last four characters are ever returned. A rejected key or an unreachable provider stores nothing
 * and is a DomainError (see verifyKeyError).
 */
export async function addProviderKey(db: Db, userId: string, input: unknown): Promise<ProviderKeyDto> {
  const parsed = providerKeySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { provider, apiKey } = parsed.data;
  const label = PROVIDER_INFO[provider].label;
  try {
    await getAdapter(provider, { apiKey, baseUrl: providerBaseUrl(provider), ...VERIFY_OPTIONS }).verifyKey();
  } catch (err) {
    // Only the error's class: an unexpected error's text could quote the request, key included.
    if (!isProviderError(err))
      console.error(
        `[credentials] checking a ${provider} key failed unexpectedly (${err instanceof Error ? err.name : typeof err})`,
      );
    throw verifyKeyError(label, err);
  }
  const row = await upsertProviderCredential(db, userId, {
    id: crypto.randomUUID(),
    provider,
    sealedKey: seal(apiKey, providerKeyContext(userId, provider)),
    last4: apiKey.slice(-4),
  });
  return toProviderKeyDto(row)!;
}
