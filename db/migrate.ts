import "server-only";
import path from "node:path";
import { getHandle } from "./index";

const MIGRATIONS = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK = 727_001;

/**
 * Applies the committed drizzle migrations with the migrator that matches the driver. On Postgres an
 * advisory lock keeps two processes that start together from applying the same migration twice.
 */
export async function migrate(): Promise<void> {
  const h = await getHandle();
  if (h.kind === "postgres") {
    const { migrate: run } = await import("drizzle-orm/postgres-js/migrator");
    await h.withLock(MIGRATION_LOCK, () => run(h.db as never, { migrationsFolder: MIGRATIONS }));
  } else {
    const { migrate: run } = await import("drizzle-orm/pglite/migrator");
    await run(h.db as never, { migrationsFolder: MIGRATIONS });
  }
}
