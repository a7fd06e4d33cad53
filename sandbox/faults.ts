// Fault injection: rates (random) and a queue of one-shot faults for deterministic tests.
// Configured from DUMONT_SANDBOX_FAULTS ("error=0.2,429=0.1,timeout=0.05,lost=0.1,bootMs=3000"),
// POST /_sandbox/faults, or setFaults().

import type { FaultKind, Faults, QueuedFault } from "./types";

export const DEFAULT_FAULTS: Faults = {
  error: 0,
  rateLimit: 0,
  timeout: 0,
  lost: 0,
  reset: 0,
  bootFail: 0,
  bootMs: 3000,
  transitionMs: 1000,
  retryAfterS: 1,
};

const ALIASES: Record<string, keyof Faults> = {
  error: "error",
  "5xx": "error",
  "429": "rateLimit",
  ratelimit: "rateLimit",
  timeout: "timeout",
  lost: "lost",
  reset: "reset",
  bootfail: "bootFail",
  bootms: "bootMs",
  transitionms: "transitionMs",
  retryafter: "retryAfterS",
  retryafters: "retryAfterS",
};

/** Parses "error=0.2,429=0.1,bootMs=3000"; unknown keys are an error so typos do not go unseen. */
export function parseFaults(spec: string | undefined): Partial<Faults> {
  const out: Partial<Faults> = {};
  if (!spec) return out;
  for (const part of spec.split(",")) {
    const [rawKey, rawValue] = part.split("=").map((s) => s.trim());
    if (!rawKey) continue;
    const key = ALIASES[rawKey.toLowerCase()];
    const value = Number(rawValue);
    if (!key || !Number.isFinite(value))
      throw new Error(
        `DUMONT_SANDBOX_FAULTS: cannot read "${part}"; use name=number pairs, with the names ${Object.keys(ALIASES).join(", ")}.`,
      );
    out[key] = value;
  }
  return out;
}

/** Accepts the env-string form or an object whose keys may use the aliases ("429", "bootMs"). */
export function normalizeFaults(
  input: Partial<Faults> | Record<string, unknown> | string | undefined,
): Partial<Faults> {
  if (typeof input === "string") return parseFaults(input);
  const out: Partial<Faults> = {};
  for (const [k, v] of Object.entries(input ?? {})) {
    const key = ALIASES[k.toLowerCase()] ?? (k in DEFAULT_FAULTS ? (k as keyof Faults) : undefined);
    if (key && typeof v === "number") out[key] = v;
  }
  return out;
}

export class FaultController {
  faults: Faults;
  private queue: QueuedFault[] = [];

  constructor(initial: Partial<Faults>) {
    this.faults = { ...DEFAULT_FAULTS, ...initial };
  }

  set(update: Partial<Faults>, queue?: QueuedFault[]): void {
    this.faults = { ...this.faults, ...update };
    if (queue) this.queue.push(...queue);
  }

  reset(to: Partial<Faults>): void {
    this.faults = { ...DEFAULT_FAULTS, ...to };
    this.queue = [];
  }

  /** Puts a queued fault back at the front (a "lost" create that was refused did not happen). */
  requeue(kind: QueuedFault): void {
    this.queue.unshift(kind);
  }

  pending(): QueuedFault[] {
    return [...this.queue];
  }

  /**
   * The fault for this request, if any. Queued "lost"/"reset" and any "<kind>:create" wait for
   * the next create; other queued faults hit the next request of any kind.
   */
  pick(isCreate: boolean): FaultKind | null {
    const i = this.queue.findIndex((k) => isCreate || !(k === "lost" || k === "reset" || k.endsWith(":create")));
    if (i !== -1) return this.queue.splice(i, 1)[0]!.replace(/:create$/, "") as FaultKind;
    const f = this.faults;
    const r = Math.random;
    if (f.timeout > 0 && r() < f.timeout) return "timeout";
    if (f.error > 0 && r() < f.error) return "error";
    if (f.rateLimit > 0 && r() < f.rateLimit) return "429";
    if (isCreate && f.lost > 0 && r() < f.lost) return "lost";
    if (isCreate && f.reset > 0 && r() < f.reset) return "reset";
    return null;
  }
}
