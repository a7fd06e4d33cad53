import "server-only";
import type { Db } from "@/db";
import { clearThrottle, getThrottle, recordThrottleFailure } from "@/db/queries/users";
import { getEnv } from "@/lib/env";

// Per account, five free failures per 15 minutes; per address, twenty (several people can share one
// address). Past that, each failure blocks for 30 s, doubling, up to 15 minutes.
export const FREE_FAILURES = { email: 5, ip: 20 } as const;
const WINDOW_MS = 15 * 60_000;
export const blockMs = (free: number) => (failures: number) =>
  failures < free ? 0 : Math.min(30_000 * 2 ** (failures - free), 15 * 60_000);
/**
 * Accounts one address may create per window before new ones wait (30 s, doubling): a script
 * cannot mint accounts at speed. An operator whose users share one address (a class behind one NAT)
 * raises it with DUMONT_SIGNUPS_PER_ADDRESS.
 */
export const signUpsPerAddress = () => getEnv().signUpsPerAddress;
const policyFor = (key: string) =>
  blockMs(
    key.startsWith("signup:") ? signUpsPerAddress() : key.startsWith("ip:") ? FREE_FAILURES.ip : FREE_FAILURES.email,
  );

/** Keys checked before a sign-up: failures from the address, and accounts it already created. */
export const signUpKeys = (ip: string) => ({ failures: `ip:${ip}`, created: `signup:${ip}` });

export const throttleKeys = (email: string, ip: string) => [`email:${email.toLowerCase()}`, `ip:${ip}`];

/** Seconds until another attempt is allowed for any of the keys, or 0. */
export async function retryAfterSeconds(db: Db, keys: string[], now = new Date()): Promise<number> {
  const rows = await getThrottle(db, keys);
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export async function recordFailure(db: Db, keys: string[], now = new Date()) {
  for (const k of keys) await recordThrottleFailure(db, k, now, WINDOW_MS, policyFor(k));
}

/** A success clears the account's count (not the address's, so one good login cannot launder a spray). */
export async function recordSuccess(db: Db, email: string) {
  await clearThrottle(db, `email:${email.toLowerCase()}`);
}

/** Counts an account created from an address (the same counter as failures, under `signup:`). */
export async function recordAccountCreated(db: Db, ip: string, now = new Date()) {
  await recordFailure(db, [signUpKeys(ip).created], now);
}
