import type { ProviderSlug } from "@/lib/providers/types";

/** The path after the sandbox URL where each client's base URL points (mirrors the real hosts). */
export const SANDBOX_API_PATHS: Record<ProviderSlug, string> = {
  tensordock: "/tensordock/api/v2",
  vastai: "/vastai/api/v0",
  runpod: "/runpod/v2",
  lambda: "/lambda/api/v1",
  hostkey: "/hostkey",
};
