// What each provider is, known without a key: its name for messages and what its machines can do.
// The adapters carry these same values, and the UI reads them before any adapter exists.

import type { ProviderAdapter, ProviderCapabilities, ProviderSlug } from "./types";

export const PROVIDER_INFO: Record<ProviderSlug, { label: string; capabilities: ProviderCapabilities }> = {
  tensordock: { label: "TensorDock", capabilities: { canStop: true, kind: "vm", checkpoint: "yes" } },
  vastai: { label: "Vast.ai", capabilities: { canStop: true, kind: "container", checkpoint: "per-offer" } },
  runpod: { label: "RunPod", capabilities: { canStop: true, kind: "container", checkpoint: "no" } },
  lambda: { label: "Lambda", capabilities: { canStop: false, kind: "vm", checkpoint: "yes" } },
  hostkey: { label: "HOSTKEY", capabilities: { canStop: true, kind: "bare-metal", checkpoint: "yes" } },
};

/** The static part of a provider's adapter. */
export function adapterInfo(provider: ProviderSlug): Pick<ProviderAdapter, "provider" | "label" | "capabilities"> {
  return { provider, ...PROVIDER_INFO[provider] };
}
