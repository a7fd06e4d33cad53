import { describe, expect, it } from "vitest";
import { availableDrivers } from "@/test/test-db";
import { useTestDb } from "@/test/use-test-db";
import { findUserForSignIn, getUserProfile } from "@/db/queries/users";
import { DomainError } from "@/lib/errors";
import { verifyPassword } from "./password";
import { signUp } from "./sign-up";
import {
  blockMs,
  recordAccountCreated,
  recordFailure,
  recordSuccess,
  retryAfterSeconds,
  signUpKeys,
  throttleKeys,
} from "./throttle";

describe("throttle policy", () => {
  it("lets five failures through, then blocks for 30 s doubling up to 15 minutes", () => {
    const p = blockMs(5);
    expect([1, 4].map(p)).toEqual([0, 0]);
    expect([5, 6, 7].map(p)).toEqual([30_000, 60_000, 120_000]);
    expect(p(30)).toBe(15 * 60_000);
  });
});

describe.each(await availableDrivers())("accounts and throttling on %s", (driver) => {
  const t = useTestDb(driver);

  it("creates an account with an argon2id hash and refuses a taken email, whatever its case", async () => {
    const r = await signUp(t.db, { email: "Ada@Example.com", password: "correct horse battery", name: " Ada " });
    expect(r).toEqual({ email: "ada@example.com" });
    const u = await findUserForSignIn(t.db, "ada@example.com");
    expect(u?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(u!.passwordHash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(u!.passwordHash, "wrong")).toBe(false);
    const profile = await getUserProfile(t.db, u!.id);
    expect(profile).not.toHaveProperty("passwordHash");
    expect(profile?.name).toBe("Ada");
    await expect(signUp(t.db, { email: "ADA@example.com", password: "another password" })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: "An account with this email already exists. Sign in instead." },
    });
  });

  it("gives field-level messages for bad input", async () => {
    const r = await signUp(t.db, { email: "nope", password: "short" }).catch((e: unknown) => e);
    expect(r).toBeInstanceOf(DomainError);
    expect((r as DomainError).fieldErrors).toEqual({
      email: "Enter an email address like name@example.com.",
      password: "Use at least 10 characters.",
    });
    await expect(signUp(t.db, { email: 42, password: ["x"] })).rejects.toMatchObject({ code: "invalid" });
  });

  it("blocks an account after five failures, counts addresses separately, and a success clears the account", async () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const keys = throttleKeys("victim@example.com", "10.0.0.1");
    for (let i = 0; i < 4; i++) await recordFailure(t.db, keys, now);
    expect(await retryAfterSeconds(t.db, keys, now)).toBe(0);
    await recordFailure(t.db, keys, now);
    expect(await retryAfterSeconds(t.db, keys, now)).toBe(30);
    // The same address on another account is not blocked yet (twenty free per address).
    expect(await retryAfterSeconds(t.db, throttleKeys("other@example.com", "10.0.0.1"), now)).toBe(0);
    // After the block, one more failure doubles it.
    const later = new Date(now.getTime() + 31_000);
    expect(await retryAfterSeconds(t.db, keys, later)).toBe(0);
    await recordFailure(t.db, keys, later);
    expect(await retryAfterSeconds(t.db, keys, later)).toBe(60);
    await recordSuccess(t.db, "victim@example.com");
    expect(await retryAfterSeconds(t.db, [keys[0]!], later)).toBe(0);
  });

  it("an address may create ten accounts in a window; the eleventh waits, other addresses do not", async () => {
    const now = new Date("2026-11-28T14:00:00Z");
    const { created } = signUpKeys("10.0.0.3");
    for (let i = 0; i < 9; i++) await recordAccountCreated(t.db, "10.0.0.3", now);
    expect(await retryAfterSeconds(t.db, [created], now)).toBe(0);
    await recordAccountCreated(t.db, "10.0.0.3", now);
    expect(await retryAfterSeconds(t.db, [created], now)).toBe(30);
    expect(await retryAfterSeconds(t.db, [signUpKeys("10.0.0.4").created], now)).toBe(0);
    // Failures from the address are a separate count: creating accounts does not block signing in.
    expect(await retryAfterSeconds(t.db, throttleKeys("someone@example.com", "10.0.0.3"), now)).toBe(0);
  });

  it("forgets failures older than the 15-minute window", async () => {
    const t0 = new Date("2026-11-28T13:00:00Z");
    const keys = throttleKeys("slow@example.com", "10.0.0.2");
    for (let i = 0; i < 4; i++) await recordFailure(t.db, keys, t0);
    const t1 = new Date(t0.getTime() + 16 * 60_000);
    await recordFailure(t.db, keys, t1);
    expect(await retryAfterSeconds(t.db, keys, t1)).toBe(0);
  });
});
