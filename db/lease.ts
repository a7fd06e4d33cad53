import "server-only";
import { LEASE_MS, LEASE_RENEW_MS } from "@/lib/deadlines";

/** The end of a record's lease taken at `now` (lib/deadlines.ts says why LEASE_MS). */
export const leaseUntil = (now = Date.now()) => new Date(now + LEASE_MS);

/**
 * Calls `renew` with the new deadline (`until()`, by default LEASE_MS from now) every `everyMs`
 * (LEASE_RENEW_MS) until the returned stop function is called. Never throws: one failed renewal (a
 * Postgres restart) is logged, and the next one, well within the lease, keeps it.
 */
export function holdLease(
  renew: (until: Date) => Promise<unknown>,
  what: string,
  opts: { everyMs?: number; until?: () => Date } = {},
): () => void {
  const until = opts.until ?? (() => leaseUntil());
  const timer = setInterval(() => {
    renew(until()).catch((e: unknown) => console.error(`[jobs:lease] ${what}:`, e instanceof Error ? e.message : e));
  }, opts.everyMs ?? LEASE_RENEW_MS);
  timer.unref();
  return () => clearInterval(timer);
}
