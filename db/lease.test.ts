import { afterEach, describe, expect, it, vi } from "vitest";
import { LEASE_MS, LEASE_RENEW_MS } from "@/lib/deadlines";
import { holdLease } from "./lease";

describe("holdLease", () => {
  afterEach(() => vi.useRealTimers());

  it("renews the lease well before it lapses, until stopped; a failed renewal does not throw", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const seen: number[] = [];
    let fail = false;
    const stop = holdLease(async (until) => {
      seen.push(until.getTime() - Date.now());
      if (fail) throw new Error("database restarting");
    }, "test");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await vi.advanceTimersByTimeAsync(LEASE_RENEW_MS * 3);
    expect(seen).toEqual([LEASE_MS, LEASE_MS, LEASE_MS]);
    // Several renewals fit in one lease: one missed renewal (a Postgres restart) does not lose it.
    expect(LEASE_MS / LEASE_RENEW_MS).toBeGreaterThanOrEqual(3);
    fail = true;
    await vi.advanceTimersByTimeAsync(LEASE_RENEW_MS);
    expect(errors).toHaveBeenCalledWith("[jobs:lease] test:", "database restarting");
    stop();
    await vi.advanceTimersByTimeAsync(LEASE_RENEW_MS * 5);
    expect(seen).toHaveLength(4);
    errors.mockRestore();
  });
});
