import "server-only";
import { getDb, getHandle } from "@/db";
import { migrate } from "@/db/migrate";
import { getEnv } from "@/lib/env";
import { syncCatalog } from "./sync-catalog";

import { startupSlot } from "@/lib/startup";

const g = globalThis as unknown as { __dumontWorkers?: Promise<void> };

/**
 * Everything a server process needs before serving: migrations, the catalog, and in sandbox mode the
 * simulated clouds. Runs once per process (instrumentation.ts calls it; route handlers await it too,
 * so a request that arrives first never sees an empty database).
 */
export function boot(): Promise<void> {
  startupSlot.__dumontBoot ??= (async () => {
    // A wrong variable stops start-up with EnvError's message (each variable and how to fix it).
    getEnv();
    // A malformed DUMONT_SECRET_KEY stops start-up with a message that says how to fix it.
    const { assertSecretKeyUsable } = await import("@/lib/crypto/seal");
    await assertSecretKeyUsable();
    const h = await getHandle();
    await migrate();
    // Two web processes on one Postgres must not delete and re-insert the catalog under each other.
    await h.withLock(727_002, async () => {
      await syncCatalog(await getDb());
    });
    const { startSandboxMode } = await import("./sandbox-mode");
    await startSandboxMode();
  })().catch((err) => {
    startupSlot.__dumontBoot = undefined;
    throw err;
  });
  return startupSlot.__dumontBoot;
}

/**
 * Starts this process's job workers (the web process by default; `npm run worker` for more), and
 * wires what they need from each other: a machine that becomes ready is probed by the agent.
 */
export function startWorkers(): Promise<void> {
  g.__dumontWorkers ??= (async () => {
    await boot();
    const db = await getDb();
    const { startMachineWorkers } = await import("@/lib/machines/workers");
    const { adapterForUser } = await import("@/lib/machines");
    const { sshReachable } = await import("@/lib/machines");
    const { isProviderSlug } = await import("@/lib/providers");
    const { probeWhenReady } = await import("@/lib/checkpoints");
    await startMachineWorkers({
      adapterFor: async (m) => {
        if (!isProviderSlug(m.provider)) throw new Error(`no adapter for ${m.provider}`);
        return adapterForUser(db, m.userId, m.provider);
      },
      sshReachable,
      onReady: probeWhenReady,
    });
    await (await import("@/lib/checkpoints/workers")).startAgentWorkers();
    await (await import("@/lib/spending/workers")).startSpendingWorkers();
    await (await import("@/lib/hibernate/workers")).startHibernateWorkers();
    await (await import("@/lib/live-prices/workers")).startLivePriceWorkers();
  })().catch((err) => {
    g.__dumontWorkers = undefined;
    throw err;
  });
  return g.__dumontWorkers;
}
