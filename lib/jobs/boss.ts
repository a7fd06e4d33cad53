import "server-only";
import PgBoss from "pg-boss";
import { getHandle } from "@/db";
import { getEnv } from "@/lib/env";
import { BOSS_MAINTENANCE_EVERY_S } from "@/lib/deadlines";
import { stopPeriodics } from "./periodic";
import { forgetStartedGroups } from "./started-groups";

const g = globalThis as unknown as { __dumontBoss?: Promise<PgBoss> };

// Statements pg-boss sends without parameters may hold several commands (its migrations); PGlite runs
// those only through exec(). Everything else goes through query() with its parameters.
// pg-boss fires a job's `complete` without awaiting it; if the embedded database was closed in the
// meantime (shutdown, or a test switching databases) that would be an unhandled rejection, which
// ends a Node process. A closed database can record nothing, so the call answers "no rows", or,
// for pg-boss's commands (complete, fail, cancel: `SELECT COUNT(*) FROM results`), a count of 0,
// which is what pg-boss reads from their first row.
export function pgliteExecutor(h: Pick<Awaited<ReturnType<typeof getHandle>>, "exec" | "query">): PgBoss.Db {
  const closed = (e: unknown) => e instanceof Error && /PGlite is closed/.test(e.message);
  return {
    executeSql: async (text: string, values: unknown[]) => {
      try {
        if (!values || values.length === 0) return { rows: await h.exec(text) };
        return await h.query(text, values);
      } catch (e) {
        if (closed(e)) return { rows: /count\(\*\)\s+from\s+results/i.test(text) ? [{ count: 0 }] : [] };
        throw e;
      }
    },
  };
}

/**
 * The one pg-boss per process, on the app's own database: a Postgres pool of its own when
 * DATABASE_URL is set, or the shared PGlite client through an executeSql adapter.
 */
export function getBoss(): Promise<PgBoss> {
  g.__dumontBoss ??= (async () => {
    const h = await getHandle();
    const common = {
      // Keep finished jobs a day for the machine pages; archive quickly so the queue stays small.
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 2,
      monitorStateIntervalSeconds: 60,
      maintenanceIntervalSeconds: BOSS_MAINTENANCE_EVERY_S,
    } satisfies PgBoss.ConstructorOptions;
    const boss =
      h.kind === "postgres"
        ? new PgBoss({ connectionString: getEnv().databaseUrl, max: 3, ...common })
        : new PgBoss({ db: pgliteExecutor(h), ...common });
    boss.on("error", (err) => console.error(`[jobs] ${err.message}`));
    await boss.start();
    return boss;
  })().catch((err) => {
    g.__dumontBoss = undefined;
    throw err;
  });
  return g.__dumontBoss;
}

/**
 * Stops pg-boss, and with it every worker and periodic job of this process, which are forgotten so
 * that a later start registers them again (tests switch databases between suites).
 */
export async function stopBoss(): Promise<void> {
  await forgetStartedGroups();
  stopPeriodics();
  const b = g.__dumontBoss;
  g.__dumontBoss = undefined;
  if (b) await (await b).stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => {});
}
