import "server-only";
import { sealedWithCurrentKey } from "@/lib/crypto/seal";
import { isProviderSlug, PROVIDER_INFO } from "@/lib/providers/registry";
import type { ProviderKeyDto } from "./types";

export function toProviderKeyDto(row: {
  id: string;
  provider: string;
  last4: string;
  createdAt: Date;
  sealKeyId: string;
}): ProviderKeyDto | null {
  // A row for a provider this build no longer knows is not shown rather than mislabelled.
  if (!isProviderSlug(row.provider)) return null;
  return {
    id: row.id,
    provider: row.provider,
    label: PROVIDER_INFO[row.provider].label,
    last4: row.last4,
    createdAt: row.createdAt,
    readable: sealedWithCurrentKey(row.sealKeyId),
  };
}

/** Binds a sealed provider key to its owner and provider, so it cannot be moved to another row. */
export const providerKeyContext = (userId: string, provider: string) => `provider-key:${userId}:${provider}`;
