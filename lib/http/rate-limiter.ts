// Client-side limits where a provider documents one (Lambda: one launch per 12 s; TensorDock v2:
// 100 requests/minute). Waiting here is cheaper than eating a 429 and its penalty.
// The state is per process: several workers can still exceed a limit together, and then the
// provider's 429 plus our retry covers the rest.

import { sleep } from "./backoff";

export interface RateLimiter {
  /** Resolves when one more call may start now. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/** At most `limit` starts in any window of `windowMs` (sliding window). */
export function createRateLimiter(opts: { limit: number; windowMs: number }): RateLimiter {
  const { limit, windowMs } = opts;
  const starts: number[] = [];
  // A promise chain keeps waiters in arrival order.
  let queue: Promise<void> = Promise.resolve();
  if (limit <= 0 || windowMs <= 0) return { acquire: async () => {} };
  return {
    acquire(signal) {
      const next = queue.then(async () => {
        for (;;) {
          const now = Date.now();
          while (starts.length > 0 && now - starts[0]! >= windowMs) starts.shift();
          if (starts.length < limit) {
            starts.push(now);
            return;
          }
          await sleep(windowMs - (now - starts[0]!), signal);
        }
      });
      // A rejected waiter (aborted) must not block the ones behind it.
      queue = next.catch(() => {});
      return next;
    },
  };
}

const shared = new Map<string, RateLimiter>();

/**
 * One limiter per key for the whole process, so adapters created per request (registry) still
 * share a budget. Key it by provider + base URL + a hash of the API key, never the key itself.
 */
export function sharedRateLimiter(key: string, opts: { limit: number; windowMs: number }): RateLimiter {
  const k = `${key}|${opts.limit}/${opts.windowMs}`;
  let l = shared.get(k);
  if (!l) {
    l = createRateLimiter(opts);
    shared.set(k, l);
  }
  return l;
}
