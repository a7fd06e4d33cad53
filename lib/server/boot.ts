import "server-only";
import { getDb, getHandle } from "@/db";
import { migrate } from "@/db/migrate";
import { syncCatalog } from "@/lib/catalog/sync-catalog";

const g = globalThis as unknown as { __dumontBoot?: Promise<void> };

/**
 * Everything a server process needs before serving: migrations, then the catalog. Runs once per
 * process (instrumentation.ts calls it; route handlers await it too, so a request that arrives
 * first never sees an empty database).
 */
export function boot(): Promise<void> {
  g.__dumontBoot ??= (async () => {
    const h = await getHandle();
    await migrate();
    // Two web processes on one Postgres must not delete and re-insert the catalog under each other.
    await h.withLock(727_002, async () => {
      await syncCatalog(await getDb());
    });
  })().catch((err) => {
    g.__dumontBoot = undefined;
    throw err;
  });
  return g.__dumontBoot;
}
