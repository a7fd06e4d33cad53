import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { getBoss, stopBoss } from "./boss";
import { startPeriodic } from "./periodic";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(await availableDrivers())("periodic jobs on %s", (driver) => {
  let t: TestDb | undefined;
  afterAll(async () => {
    await stopBoss();
    await t?.dispose();
  });

  it("a job whose worker died mid-run blocks nothing: the next slot runs on time, also on a queue left as 'singleton' with a cron by an earlier version", {
    timeout: 60_000,
  }, async () => {
    t = await openTestDb(driver);
    const boss = await getBoss();
    const name = "periodic-test";
    // What earlier versions left: a singleton queue, a cron schedule, and a job taken by a worker
    // that was SIGKILLed (active, never completed) followed by the next cron tick's job.
    await boss.createQueue(name, { name, policy: "singleton" });
    await boss.schedule(name, "* * * * *");
    await boss.send(name, {});
    const taken = await boss.fetch(name);
    expect(taken).toHaveLength(1);
    await boss.send(name, {});
    // On a singleton queue nothing more can be fetched while the dead job is active: the bug.
    expect(await boss.fetch(name)).toHaveLength(0);

    let runs = 0;
    const stop = await startPeriodic(boss, { name, everySeconds: 1, run: async () => void runs++ });
    // A second process offering the same periodic job: still one job per slot.
    const stop2 = await startPeriodic(boss, { name, everySeconds: 1, run: async () => void runs++ });
    for (let i = 0; i < 100 && runs < 3; i++) await wait(100);
    stop();
    stop2();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect((await boss.getQueue(name))?.policy).toBe("standard");
    expect((await boss.getSchedules()).map((s) => s.name)).not.toContain(name);
    const doubled = await t.db.execute(
      sql`select singleton_on, count(*)::int as n from pgboss.job where name = ${name} and singleton_on is not null group by singleton_on having count(*) > 1`,
    );
    const rows = Array.isArray(doubled) ? doubled : (doubled as unknown as { rows: unknown[] }).rows;
    expect(rows).toEqual([]);
  });
});
