// Public surface of the provider layer.
export * from "./types";
export { getAdapter, isProviderSlug, PROVIDER_INFO, SUPPORTED_PROVIDERS } from "./registry";
export { findInstanceByMachineId, applyOfferFilter } from "./shared/offers";
export { taggedName, machineIdFromName, assertMachineId } from "./shared/machine-tag";
export { resolveBaseUrl, DEFAULT_BASE_URLS } from "./shared/base-url";
export { normalizeGpuModel } from "./shared/gpu-model";
export { ProviderError, isProviderError, type ProviderErrorCode } from "@/lib/http";
