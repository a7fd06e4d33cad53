import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { authThrottle, users } from "../schema";

/** For sign-in only: the one query that reads a password hash. Never return its result to a client. */
export async function findUserForSignIn(db: Db, email: string) {
  return firstOrNull(
    db
      .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email)),
  );
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return !!row;
}

/** Inserts a user; returns null when the email is taken (unique violation), so a race cannot make two. */
export async function insertUser(db: Db, u: { id: string; email: string; name: string | null; passwordHash: string }) {
  return firstOrNull(
    db
      .insert(users)
      .values(u)
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email }),
  );
}

/** The signed-in user's own profile (no hash). */
export async function getUserProfile(db: Db, userId: string) {
  return firstOrNull(
    db
      .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })
      .from(users)
      .where(eq(users.id, userId)),
  );
}

export async function getThrottle(db: Db, keys: string[]) {
  if (keys.length === 0) return [];
  return db.select().from(authThrottle).where(inArray(authThrottle.key, keys));
}

/** Counts one failure per key and sets the block that the policy computes from the new count. */
export async function recordThrottleFailure(
  db: Db,
  key: string,
  now: Date,
  windowMs: number,
  blockFor: (failures: number) => number,
) {
  await db.transaction(async (tx) => {
    // Reset counts older than the window, so an old failure does not add to a new burst.
    await tx
      .delete(authThrottle)
      .where(and(eq(authThrottle.key, key), lt(authThrottle.firstFailureAt, new Date(now.getTime() - windowMs))));
    const [row] = await tx
      .insert(authThrottle)
      .values({ key, failures: 1, firstFailureAt: now })
      .onConflictDoUpdate({ target: authThrottle.key, set: { failures: sql`${authThrottle.failures} + 1` } })
      .returning({ failures: authThrottle.failures });
    const ms = blockFor(row!.failures);
    if (ms > 0)
      await tx
        .update(authThrottle)
        .set({ blockedUntil: new Date(now.getTime() + ms) })
        .where(eq(authThrottle.key, key));
  });
}

export async function clearThrottle(db: Db, key: string) {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
