import "server-only";

/**
 * A running job's record (a checkpoint operation, a setup run, a budget action) holds a short lease (its `deadline_at`) that its worker renews
 * while it works. A worker that dies (SIGKILL, lost host) stops renewing, so the sweep fails its
 * record within about a minute instead of waiting out the command's whole time limit; a worker that
 * is alive always finishes on its own, because the agent enforces the command's limit remotely.
 * The lease outlasts a Postgres restart (a few seconds) several times over, so a live worker is not
 * failed by a brief outage.
 */
export const LEASE_MS = 45_000;
export const LEASE_RENEW_MS = 10_000;

export const leaseUntil = (now = Date.now()) => new Date(now + LEASE_MS);

/**
 * Calls `renew` with the new deadline (`until()`, by default LEASE_MS from now) every `everyMs`
 * (LEASE_RENEW_MS) until the returned stop function is called. Never throws.
 */
export function holdLease(renew: (until: Date) => Promise<unknown>, what: string, opts: { everyMs?: number; until?: () => Date } = {}): () => void {
  const until = opts.until ?? (() => leaseUntil());
  const timer = setInterval(() => {
    renew(until()).catch((e: unknown) => console.error(`[jobs:lease] ${what}:`, e instanceof Error ? e.message : e));
  }, opts.everyMs ?? LEASE_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}
