import crypto from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { type Driver, openTestDb, type TestDb } from "./test-db";
import { createTestUser } from "./test-users";

// The set-up most data-layer test files share, as vitest hooks (apart from test-db.ts, which the bench
// imports outside vitest).

/**
 * A fresh database (openTestDb) for the enclosing describe block: opened before its tests, then
 * `setUp` (the block's own rows), and disposed after them. The returned handle is filled in when the
 * database opens, so tests read it, not the describe callback.
 */
export function useTestDb(driver: Driver, setUp?: (t: TestDb) => Promise<void>): TestDb {
  const t = {} as TestDb;
  beforeAll(async () => {
    Object.assign(t, await openTestDb(driver));
    await setUp?.(t);
  });
  afterAll(async () => t.dispose?.());
  return t;
}

/** useTestDb with one user row per label (ids known at once, rows inserted with the database), to own test data. */
export function useTestDbWithUsers<L extends string>(
  driver: Driver,
  ...labels: L[]
): { t: TestDb } & Record<L, string> {
  const ids = Object.fromEntries(labels.map((label) => [label, crypto.randomUUID()])) as Record<L, string>;
  const t = useTestDb(driver, async ({ db }) => {
    for (const label of labels) await createTestUser(db, label, ids[label]);
  });
  return { t, ...ids };
}
