import "server-only";
import PgBoss from "pg-boss";
import { getHandle } from "@/db";

const g = globalThis as unknown as { __dumontBoss?: Promise<PgBoss> };

// Statements pg-boss sends without parameters may hold several commands (its migrations); PGlite runs
// those only through exec(). Everything else goes through query() with its parameters.
function pgliteExecutor(h: Awaited<ReturnType<typeof getHandle>>): PgBoss.Db {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      if (!values || values.length === 0) return { rows: await h.exec(text) };
      return h.query(text, values);
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
      maintenanceIntervalSeconds: 120,
    } satisfies PgBoss.ConstructorOptions;
    const boss =
      h.kind === "postgres"
        ? new PgBoss({ connectionString: process.env.DATABASE_URL, max: 3, ...common })
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

export async function stopBoss(): Promise<void> {
  const b = g.__dumontBoss;
  g.__dumontBoss = undefined;
  if (b) await (await b).stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => {});
}
