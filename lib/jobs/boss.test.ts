import { PGlite } from "@electric-sql/pglite";
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
  });
});
