// In-memory state of the sandbox: instances with a clock-driven lifecycle and billing, per-key
// SSH keys and sessions. Time is read lazily: every access first advances phases to "now", billing
// each phase at its own rate up to the exact moment it ended.

import { randomBytes } from "node:crypto";
import { machineIdFromName } from "@/lib/providers/shared/machine-tag";
import type { ProviderSlug } from "@/lib/providers/types";
import type { FaultController } from "./faults";
import type { ChargeLine, Phase, SandboxInstanceInfo, SandboxSnapshot, SimInstance } from "./types";

const MS_PER_HOUR = 3_600_000;

export type NewInstance = Omit<SimInstance, "phase" | "phaseSince" | "createdAt" | "cost" | "billedUntil" | "willFail">;

export class SandboxStore {
  private instances = new Map<string, SimInstance>();
  /** provider → owner → keys (shape is provider-specific). */
  readonly sshKeys = new Map<string, unknown[]>();
  /** HOSTKEY session tokens. */
  readonly tokens = new Map<string, { owner: string; expiresAt: number }>();
  /** Sliding windows for the documented rate limits: "<provider>|<owner>|<what>" → start times. */
  readonly windows = new Map<string, number[]>();
  private seq = 1;

  constructor(
    private readonly faults: FaultController,
    private readonly onDestroyed?: (i: SandboxInstanceInfo) => void,
    private readonly onPhase?: (i: SandboxInstanceInfo, phase: Phase, previous: Phase) => void,
  ) {}

  nextSeq(): number {
    return this.seq++;
  }

  /** Billing rate of a phase. Vast.ai does not bill while loading; nobody bills before boot. */
  private rate(i: SimInstance, phase: Phase): number {
    switch (phase) {
      case "booting":
        return i.provider === "vastai" ? 0 : i.priceMicros;
      case "running":
      case "stopping":
      case "starting":
        return i.priceMicros;
      case "stopped":
        return i.stoppedPriceMicros;
      default:
        return 0;
    }
  }

  /** How long a phase lasts before moving on, and where it goes; null when it is stable. */
  private transition(i: SimInstance): { after: number; to: Phase } | null {
    const f = this.faults.faults;
    switch (i.phase) {
      case "creating":
        return { after: Math.round(f.bootMs * 0.2), to: "booting" };
      case "booting":
        return { after: Math.round(f.bootMs * 0.8), to: i.willFail ? "failed" : "running" };
      case "starting":
        return { after: f.bootMs, to: "running" };
      case "stopping":
        return { after: f.transitionMs, to: "stopped" };
      case "destroying":
        return { after: f.transitionMs, to: "destroyed" };
      default:
        return null;
    }
  }

  private bill(i: SimInstance, until: number): void {
    if (until <= i.billedUntil) return;
    i.cost += (this.rate(i, i.phase) * (until - i.billedUntil)) / MS_PER_HOUR;
    i.billedUntil = until;
  }

  advance(i: SimInstance, now = Date.now()): SimInstance {
    for (;;) {
      const t = this.transition(i);
      if (!t || i.phaseSince + t.after > now) break;
      const at = i.phaseSince + t.after;
      this.bill(i, at);
      this.enter(i, t.to, at);
    }
    this.bill(i, now);
    return i;
  }

  /** Moves to a phase now (billing up to now first). */
  setPhase(i: SimInstance, phase: Phase, now = Date.now()): void {
    this.advance(i, now);
    this.enter(i, phase, now);
  }

  private enter(i: SimInstance, phase: Phase, at: number): void {
    const previous = i.phase;
    i.phase = phase;
    i.phaseSince = at;
    if (previous !== phase) this.onPhase?.(info(i), phase, previous);
    if (phase === "destroyed") this.onDestroyed?.(info(i));
  }

  create(n: NewInstance): SimInstance {
    const now = Date.now();
    const inst: SimInstance = {
      ...n,
      phase: "creating",
      phaseSince: now,
      createdAt: now,
      cost: 0,
      billedUntil: now,
      willFail: this.faults.faults.bootFail > 0 && Math.random() < this.faults.faults.bootFail,
    };
    this.instances.set(`${n.provider}|${n.id}`, inst);
    return inst;
  }

  /** The instance if it exists for this owner (destroyed ones included). */
  get(provider: ProviderSlug, id: string, owner: string): SimInstance | undefined {
    const i = this.instances.get(`${provider}|${id}`);
    return i && i.owner === owner ? this.advance(i) : undefined;
  }

  list(provider: ProviderSlug, owner?: string): SimInstance[] {
    return [...this.instances.values()]
      .filter((i) => i.provider === provider && (owner === undefined || i.owner === owner))
      .map((i) => this.advance(i));
  }

  all(): SimInstance[] {
    return [...this.instances.values()].map((i) => this.advance(i));
  }

  charges(): { instances: ChargeLine[]; totalMicros: number } {
    const lines = this.all().map((i) => ({
      provider: i.provider,
      id: i.id,
      name: i.name,
      machineId: machineIdFromName(i.name),
      phase: i.phase,
      pricePerHourMicros: i.priceMicros,
      stoppedPricePerHourMicros: i.stoppedPriceMicros,
      costMicros: Math.ceil(i.cost),
      createdAt: new Date(i.createdAt).toISOString(),
    }));
    return { instances: lines, totalMicros: lines.reduce((s, l) => s + l.costMicros, 0) };
  }

  snapshot(): SandboxSnapshot {
    return { at: new Date().toISOString(), instances: structuredClone(this.all()) };
  }

  restore(s: SandboxSnapshot): void {
    for (const i of s.instances) this.instances.set(`${i.provider}|${i.id}`, structuredClone(i));
  }

  reset(): void {
    this.instances.clear();
    this.sshKeys.clear();
    this.tokens.clear();
    this.windows.clear();
  }

  keys<T>(provider: ProviderSlug, owner: string): T[] {
    const k = `${provider}|${owner}`;
    let l = this.sshKeys.get(k);
    if (!l) this.sshKeys.set(k, (l = []));
    return l as T[];
  }

  /**
   * Sliding-window limiter: true when allowed (and counted). On refusal, `retryAfterMs` says when
   * the oldest start leaves the window.
   */
  allow(key: string, limit: number, windowMs: number): { ok: true } | { ok: false; retryAfterMs: number } {
    if (limit <= 0 || windowMs <= 0) return { ok: true };
    const now = Date.now();
    const w = (this.windows.get(key) ?? []).filter((t) => now - t < windowMs);
    if (w.length >= limit) {
      this.windows.set(key, w);
      return { ok: false, retryAfterMs: windowMs - (now - w[0]!) };
    }
    w.push(now);
    this.windows.set(key, w);
    return { ok: true };
  }
}

export function info(
  i: Pick<SimInstance, "provider" | "id" | "name" | "gpuName" | "gpuCount" | "kind" | "sshPublicKey">,
): SandboxInstanceInfo {
  return {
    provider: i.provider,
    id: i.id,
    name: i.name,
    machineId: machineIdFromName(i.name),
    gpuName: i.gpuName,
    gpuCount: i.gpuCount,
    kind: i.kind,
    sshPublicKey: i.sshPublicKey,
  };
}

export function hexId(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

export function uuid(): string {
  return crypto.randomUUID();
}
