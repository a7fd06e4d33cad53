import { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { pgliteExecutor } from "./boss";

describe("pg-boss on PGlite", () => {
  it("runs multi-statement SQL through exec and parameters through query; a closed database answers no rows instead of an unhandled rejection", async () => {
    const client = await PGlite.create();
    const ex = pgliteExecutor({
      exec: async (sql) => (await client.exec(sql)).at(-1)?.rows ?? [],
      query: async (sql, params) => ({ rows: (await client.query(sql, params as never[])).rows }),
    });
    await ex.executeSql("create table t (n int); insert into t values (1), (2)", []);
    expect((await ex.executeSql("select n from t where n > $1", [1])).rows).toEqual([{ n: 2 }]);
    // A real error still surfaces.
    await expect(ex.executeSql("select * from missing where n = $1", [1])).rejects.toThrow(/missing/);
    await client.close();
    // pg-boss completes a job without awaiting it; after close that must not reject.
    expect(await ex.executeSql("update t set n = $1", [3])).toEqual({ rows: [] });
    expect(await ex.executeSql("select 1", [])).toEqual({ rows: [] });
    // pg-boss's complete reads the count from the first row: a closed database answers 0, not a TypeError.
    const completeSql =
      "WITH results AS (UPDATE pgboss.job SET state = 'completed' WHERE name = $1 RETURNING *) SELECT COUNT(*) FROM results";
    expect(await ex.executeSql(completeSql, ["q"])).toEqual({ rows: [{ count: 0 }] });
  });

  it("pg-boss's own complete, called after the embedded database closed, resolves with nothing affected", {
    timeout: 60_000,
  }, async () => {
    const client = await PGlite.create();
    const db = pgliteExecutor({
      exec: async (sql) => (await client.exec(sql)).at(-1)?.rows ?? [],
      query: async (sql, params) => ({ rows: (await client.query(sql, params as never[])).rows }),
    });
    const boss = new PgBoss({ db, supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue("q", { name: "q" });
    await boss.send("q", {});
    const [job] = await boss.fetch("q");
    await client.close();
    await expect(boss.complete("q", job!.id)).resolves.toMatchObject({ affected: 0 });
    await boss.stop({ graceful: false, wait: false }).catch(() => {});
  });
});
