// The one interface every provider adapter implements. Money is integer micro-dollars.

import type { PricePart } from "./shared/price-parts";

export type { PricePart, PricedPart } from "./shared/price-parts";

export { PROVIDER_SLUGS, type ProviderSlug } from "@/lib/provider-slugs";
import type { ProviderSlug } from "@/lib/provider-slugs";

export const NORMALIZED_GPU_MODELS = ["RTX 3080", "RTX 3090", "RTX 4090", "V100", "A100", "H100"] as const;
/** One of the catalog's models, or the provider's raw name when it is none of them. */
export type GpuModelName = (typeof NORMALIZED_GPU_MODELS)[number] | (string & {});

export type InstanceKind = "vm" | "container" | "bare-metal";

export interface Offer {
  /** What createInstance takes as offerId. Opaque: may combine a type and a region. */
  id: string;
  provider: ProviderSlug;
  gpuModel: GpuModelName;
  /** The provider's own GPU name ("NVIDIA H100 80GB HBM3"). */
  gpuName: string;
  /** GPUs in this offer. Vast.ai, Lambda and HOSTKEY sell fixed bundles; TensorDock and RunPod
   *  quote one GPU and accept a count up to maxGpuCount. */
  gpuCount: number;
  maxGpuCount: number;
  vramGb: number;
  /** Price for gpuCount GPUs and listedDiskGb of disk while running: every billed part, not the GPU alone. */
  pricePerHourMicros: number;
  /** What the offer still bills when stopped (at listedDiskGb); null when it cannot be stopped or is unknown. */
  stoppedPricePerHourMicros: number | null;
  /** Every part the provider bills. priceOfOrder(priceParts, {gpuCount, diskGb: listedDiskGb}) equals
   *  pricePerHourMicros, and its stopped figure equals stoppedPricePerHourMicros when that is not null. */
  priceParts: PricePart[];
  /** The disk size the listed prices assume (the provider's minimum or default). */
  listedDiskGb: number;
  region: string;
  kind: InstanceKind;
  /** Whether cuda-checkpoint can work there (ptrace/root allowed). */
  checkpointCapable: boolean;
  /** False when the provider lists the type but reports no stock right now. */
  available: boolean;
  /** Provider-specific numbers worth showing (vcpus, ram, reliability, raw prices). */
  extra: Record<string, unknown>;
}

export interface OfferFilter {
  /** Normalized model ("H100") or a raw name; matched case-insensitively. */
  gpuModel?: string;
  minGpuCount?: number;
  region?: string;
  kind?: InstanceKind;
  checkpointCapable?: boolean;
  /** Include offers without stock (default false). */
  includeUnavailable?: boolean;
}

export interface CreateInstanceInput {
  /** Our machine row id: letters, digits and single dashes, at most 40 characters (a UUID fits).
   *  It is written into the instance name/label so a lost reply can be found with listInstances. */
  machineId: string;
  offerId: string;
  gpuCount: number;
  diskGb: number;
  /** Container image for container offers; OS image name for VM providers. Omit for the default. */
  image?: string;
  /** OpenSSH public key line ("ssh-ed25519 AAAA… comment"). */
  sshPublicKey: string;
  /** Human name; shortened to fit the provider's limit after the machine tag. */
  name: string;
}

export const INSTANCE_STATUSES = [
  "creating",
  "booting",
  "running",
  "stopping",
  "stopped",
  "starting",
  "destroying",
  "destroyed",
  "failed",
] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
}

export interface Instance {
  /** The provider's instance id; what getInstance/stop/start/destroy take. */
  id: string;
  provider: ProviderSlug;
  /** Our machine id parsed back from the name/label, or null for instances we did not create. */
  machineId: string | null;
  name: string | null;
  status: InstanceStatus;
  /** The provider's status as it sent it, for display and debugging. */
  rawStatus: string;
  ssh: SshEndpoint | null;
  /** Hourly price while running; null when the provider does not say (TensorDock get, a stopped RunPod pod). */
  pricePerHourMicros: number | null;
  gpuModel: GpuModelName | null;
  gpuCount: number | null;
  /** Extra provider detail (status message, region, ...). */
  extra: Record<string, unknown>;
}

export interface ProviderCapabilities {
  /** False for Lambda: only terminate; adapters without it have no stop/start methods. */
  canStop: boolean;
  /** The kind most offers are; see Offer.kind for each one. */
  kind: InstanceKind;
  /** "per-offer" for Vast.ai: VM offers allow ptrace, Docker offers do not. */
  checkpoint: "yes" | "no" | "per-offer";
}

export interface ProviderAdapter {
  readonly provider: ProviderSlug;
  /** Human name for messages ("Vast.ai"). */
  readonly label: string;
  readonly capabilities: ProviderCapabilities;
  listOffers(filter?: OfferFilter): Promise<Offer[]>;
  /**
   * Orders one instance. Not retried on 5xx/timeouts: on a ProviderError with outcomeUnknown,
   * call findInstanceByMachineId before ordering again.
   */
  createInstance(input: CreateInstanceInput): Promise<Instance>;
  /** Throws ProviderError code "not_found" when the instance does not exist (any more). */
  getInstance(id: string): Promise<Instance>;
  listInstances(): Promise<Instance[]>;
  /** Present only when capabilities.canStop. */
  stop?(id: string): Promise<void>;
  start?(id: string): Promise<void>;
  /** Idempotent: an instance that is already gone counts as destroyed. */
  destroy(id: string): Promise<void>;
  /** One cheap authenticated call; throws ProviderError "auth" for a rejected key. */
  verifyKey(): Promise<void>;
}

export interface AdapterOptions {
  apiKey: string;
  /** Overrides DUMONT_<PROVIDER>_API_URL and the real endpoint. */
  baseUrl?: string;
  /** Per-try timeout in ms (default 20 s). */
  timeoutMs?: number;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Overrides of the documented client-side limits (tests use 0 to disable). */
  limits?: { requestsPerMinute?: number; launchIntervalMs?: number };
  fetch?: typeof fetch;
}
