// Shapes shared by the sandbox's core and its per-provider API emulations.

import type { ProviderSlug } from "@/lib/providers/types";

/** Our lifecycle phases; each provider view renders them in its own status words. */
export type Phase =
  | "creating"
  | "booting"
  | "running"
  | "stopping"
  | "stopped"
  | "starting"
  | "destroying"
  | "destroyed"
  | "failed";

export interface SimInstance {
  provider: ProviderSlug;
  id: string;
  /** The API key that owns it: lists are scoped per key, as accounts are. */
  owner: string;
  name: string;
  offerId: string;
  gpuName: string;
  gpuCount: number;
  region: string;
  kind: "vm" | "container" | "bare-metal";
  image: string;
  diskGb: number;
  sshPublicKey: string | null;
  /** Hourly price while running / while stopped, micro-dollars. */
  priceMicros: number;
  stoppedPriceMicros: number;
  phase: Phase;
  phaseSince: number;
  /** Set at create when the boot-failure fault fires: booting ends in `failed`. */
  willFail: boolean;
  createdAt: number;
  /** Accrued cost in micro-dollars (fractional until read). */
  cost: number;
  billedUntil: number;
  ssh: { host: string; port: number };
  /** Provider-specific values (Vast ask id, Lambda type, HOSTKEY callback key...). */
  extra: Record<string, unknown>;
}

/** What the SSH side gets to decide an instance's endpoint (and which key to authorize). */
export interface SandboxInstanceInfo {
  provider: ProviderSlug;
  id: string;
  name: string;
  machineId: string | null;
  gpuName: string;
  gpuCount: number;
  kind: SimInstance["kind"];
  sshPublicKey: string | null;
}

export interface Faults {
  /** Probability of a 5xx in the provider's envelope. */
  error: number;
  /** Probability of a 429. */
  rateLimit: number;
  /** Probability of never answering (the client's timeout fires). */
  timeout: number;
  /** Probability that a create takes effect but its reply is a 502. */
  lost: number;
  /** Probability that a create takes effect and the connection is reset. */
  reset: number;
  /** Probability that a new instance fails during boot. */
  bootFail: number;
  /** Time from create to running (also stopped → running). */
  bootMs: number;
  /** Duration of stopping and destroying. */
  transitionMs: number;
  /** Retry-After seconds sent with injected 429s (Vast sends none). */
  retryAfterS: number;
}

export type FaultKind = "error" | "429" | "timeout" | "lost" | "reset";
/** A queued fault: a kind, or "<kind>:create" to hit only the next create request. */
export type QueuedFault = FaultKind | `${FaultKind}:create`;

export interface SandboxLimits {
  /** TensorDock v2: requests per minute per key (reference: 100). */
  tensordockPerMinute: number;
  /** Lambda: ms between launches per key (reference: 12 s). */
  lambdaLaunchIntervalMs: number;
  /** Vast.ai: ms between creates per key (reference: threshold 4.5 s). */
  vastCreateIntervalMs: number;
}

export type SshEndpointHook = (
  instance: SandboxInstanceInfo,
) => { host: string; port: number } | Promise<{ host: string; port: number }>;

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Starting faults: an object, or the DUMONT_SANDBOX_FAULTS string form (the process entry points pass that variable). */
  faults?: Partial<Faults> | string;
  limits?: Partial<SandboxLimits>;
  sshEndpointFor?: SshEndpointHook;
  /** Called once when an instance reaches destroyed (to stop its SSH server). */
  onDestroyed?: (instance: SandboxInstanceInfo) => void;
  /** Called on every phase change, when the store notices it (lazily, on the next read): the SSH host stops/starts the machine. */
  onPhase?: (instance: SandboxInstanceInfo, phase: Phase, previous: Phase) => void;
  /** A snapshot from state() to start from. */
  initialState?: SandboxSnapshot;
}

export interface ChargeLine {
  provider: ProviderSlug;
  id: string;
  name: string;
  machineId: string | null;
  phase: Phase;
  pricePerHourMicros: number;
  stoppedPricePerHourMicros: number;
  costMicros: number;
  createdAt: string;
}

export interface SandboxSnapshot {
  at: string;
  instances: SimInstance[];
}
