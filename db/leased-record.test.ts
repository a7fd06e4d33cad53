import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { leasedRecord } from "./leased-record";

// Two throw-away tables, one of each kind of leased record.
const steps = pgTable("leased_test_steps", {
  id: text("id").primaryKey(),
  status: text("status").notNull(),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
const tasks = pgTable("leased_test_tasks", {
  id: text("id").primaryKey(),
  status: text("status").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  attempts: integer("attempts").notNull().default(0),
});

const LEASE = 10_000;
const stepLease = leasedRecord({
  table: steps,
  id: steps.id,
  lease: steps.leaseUntil,
  leaseMs: LEASE,
  renewMs: 50,
  label: "step",
  claimable: () => sql`${steps.status} <> 'final'`,
});
const taskStatus = { column: tasks.status, queued: "queued", running: "running", queuedSince: tasks.createdAt };
const onceLease = leasedRecord({
  table: tasks,
  id: tasks.id,
  lease: tasks.leaseUntil,
  leaseMs: LEASE,
  renewMs: 50,
  label: "task",
  status: { ...taskStatus, retakeLapsed: false, finishOnlyActive: true },
  startedAt: { column: tasks.startedAt },
});
const retakenLease = leasedRecord({
  table: tasks,
  id: tasks.id,
  lease: tasks.leaseUntil,
  leaseMs: LEASE,
  renewMs: 50,
  label: "task",
  status: { ...taskStatus, retakeLapsed: true, finishOnlyActive: false },
  startedAt: { column: tasks.startedAt, keepFirst: true },
  attempts: tasks.attempts,
});

const t0 = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(await availableDrivers())("leased records on %s", (driver) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(driver);
    await t.db.execute(
      sql`create table leased_test_steps (id text primary key, status text not null, lease_until timestamptz, updated_at timestamptz not null)`,
    );
    await t.db.execute(
      sql`create table leased_test_tasks (id text primary key, status text not null, created_at timestamptz not null, started_at timestamptz, ended_at timestamptz, lease_until timestamptz, attempts integer not null default 0)`,
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });
  const step = async (id: string) => (await t.db.select().from(steps).where(eq(steps.id, id)))[0]!;
  const task = async (id: string) => (await t.db.select().from(tasks).where(eq(tasks.id, id)))[0]!;

  it("lease only: one worker at a time, a lapsed lease frees the row, a final row is never taken, a late renewal does not take a released row", async () => {
    await t.db.insert(steps).values([
      { id: "s1", status: "busy", updatedAt: t0 },
      { id: "s2", status: "final", updatedAt: t0 },
    ]);
    expect(await stepLease.claim(t.db, "s1", t0)).toMatchObject({ id: "s1", leaseUntil: at(LEASE) });
    expect(await stepLease.claim(t.db, "s1", at(LEASE - 1))).toBeNull();
    expect(await stepLease.claim(t.db, "s1", at(LEASE + 1))).toMatchObject({ leaseUntil: at(2 * LEASE + 1) });
    expect(await stepLease.claim(t.db, "s2", t0)).toBeNull();
    await stepLease.release(t.db, "s1");
    await stepLease.renew(t.db, "s1", at(5 * LEASE));
    expect((await step("s1")).leaseUntil).toBeNull();
    await expect(stepLease.failLapsed(t.db, t0, {})).rejects.toThrow(/never failed/);
  });

  it("lease only: withLease renews while the work runs and releases after, also when it throws; held rows give null", async () => {
    await t.db.insert(steps).values({ id: "s3", status: "busy", updatedAt: t0 });
    const seen: (Date | null)[] = [];
    const r = await stepLease.withLease(t.db, "s3", {}, async (row) => {
      seen.push(row.leaseUntil);
      expect(await stepLease.withLease(t.db, "s3", {}, async () => "second")).toBeNull();
      await wait(200);
      seen.push((await step("s3")).leaseUntil);
      return "done";
    });
    expect(r?.result).toBe("done");
    expect(seen[1]!.getTime()).toBeGreaterThan(seen[0]!.getTime());
    expect((await step("s3")).leaseUntil).toBeNull();
    await expect(stepLease.withLease(t.db, "s3", {}, async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect((await step("s3")).leaseUntil).toBeNull();
  });

  it("lease only: rows needing work are the free ones nobody touched recently", async () => {
    await t.db.insert(steps).values([
      { id: "n-free", status: "busy", updatedAt: t0 },
      { id: "n-recent", status: "busy", updatedAt: at(LEASE) },
      { id: "n-held", status: "busy", leaseUntil: at(LEASE), updatedAt: t0 },
      { id: "n-lapsed", status: "busy", leaseUntil: at(-1), updatedAt: t0 },
    ]);
    const ids = (
      await stepLease.needingWork(t.db, t0, {
        idleSince: { column: steps.updatedAt, before: at(1) },
        where: sql`${steps.id} like 'n-%'`,
      })
    )
      .map((r) => r.id)
      .sort();
    expect(ids).toEqual(["n-free", "n-lapsed"]);
  });

  it("queued → running, not taken again: the claim starts it, a renewal only while running, the sweep fails a lapsed one and a late finish does not undo that", async () => {
    await t.db.insert(tasks).values({ id: "o1", status: "queued", createdAt: t0, leaseUntil: at(5 * LEASE) });
    expect(await onceLease.claim(t.db, "o1", t0)).toMatchObject({
      status: "running",
      startedAt: t0,
      leaseUntil: at(LEASE),
      attempts: 0,
    });
    expect(await onceLease.claim(t.db, "o1", at(LEASE + 1))).toBeNull();
    await onceLease.renew(t.db, "o1", at(2 * LEASE));
    expect((await task("o1")).leaseUntil).toEqual(at(2 * LEASE));
    expect(await onceLease.failLapsed(t.db, at(2 * LEASE - 1), { status: "failed" })).toEqual([]);
    expect(
      (await onceLease.failLapsed(t.db, at(2 * LEASE + 1), { status: "failed", endedAt: at(2 * LEASE + 1) })).map(
        (r) => r.id,
      ),
    ).toEqual(["o1"]);
    await onceLease.renew(t.db, "o1", at(9 * LEASE));
    expect(await onceLease.finish(t.db, "o1", { status: "done" })).toBeNull();
    expect(await task("o1")).toMatchObject({ status: "failed", leaseUntil: at(2 * LEASE) });
    await expect(onceLease.release(t.db, "o1")).rejects.toThrow(/finished, not released/);
  });

  it("queued → running, not taken again: queued rows past their deadline are failed, those waiting long are listed for a resend", async () => {
    await t.db.insert(tasks).values([
      { id: "q-old", status: "queued", createdAt: at(-60_000), leaseUntil: at(-1) },
      { id: "q-waiting", status: "queued", createdAt: at(-30_000), leaseUntil: at(LEASE) },
      { id: "q-new", status: "queued", createdAt: t0, leaseUntil: at(LEASE) },
      { id: "q-running-lapsed", status: "running", createdAt: at(-60_000), leaseUntil: at(-1) },
    ]);
    const like = sql`${tasks.id} like 'q-%'`;
    expect(
      (await onceLease.needingWork(t.db, t0, { queuedBefore: at(-20_000), where: like })).map((r) => r.id).sort(),
    ).toEqual(["q-old", "q-waiting"]);
    expect((await onceLease.failLapsed(t.db, t0, { status: "failed" }, like)).map((r) => r.id).sort()).toEqual([
      "q-old",
      "q-running-lapsed",
    ]);
    expect(await onceLease.needingWork(t.db, t0, { where: like })).toEqual([]);
  });

  it("queued → running, taken again: a lapsed one is claimed again keeping its first start and counting attempts; its finish always lands", async () => {
    await t.db.insert(tasks).values({ id: "b1", status: "queued", createdAt: at(-300_000) });
    expect(await retakenLease.claim(t.db, "b1", t0)).toMatchObject({ status: "running", startedAt: t0, attempts: 1 });
    expect(await retakenLease.claim(t.db, "b1", at(LEASE - 1))).toBeNull();
    const like = sql`${tasks.id} = 'b1'`;
    expect(await retakenLease.needingWork(t.db, at(LEASE - 1), { queuedBefore: at(-120_000), where: like })).toEqual(
      [],
    );
    expect(
      (await retakenLease.needingWork(t.db, at(LEASE + 1), { queuedBefore: at(-120_000), where: like })).map(
        (r) => r.id,
      ),
    ).toEqual(["b1"]);
    expect(await retakenLease.claim(t.db, "b1", at(LEASE + 1))).toMatchObject({
      startedAt: t0,
      attempts: 2,
      leaseUntil: at(2 * LEASE + 1),
    });
    expect(
      await retakenLease.failLapsed(
        t.db,
        at(3 * LEASE),
        { status: "failed" },
        sql`${tasks.id} = 'b1' and ${tasks.attempts} >= 3`,
      ),
    ).toEqual([]);
    expect(
      (
        await retakenLease.failLapsed(
          t.db,
          at(3 * LEASE),
          { status: "failed" },
          sql`${tasks.id} = 'b1' and ${tasks.attempts} >= 2`,
        )
      ).map((r) => r.id),
    ).toEqual(["b1"]);
    expect(await retakenLease.finish(t.db, "b1", { status: "done" })).toMatchObject({ status: "done" });
  });
});
