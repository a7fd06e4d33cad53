import "server-only";
import type PgBoss from "pg-boss";

const g = globalThis as unknown as { __dumontPeriodic?: Set<NodeJS.Timeout> };
const timers = () => (g.__dumontPeriodic ??= new Set());

/** Stops every periodic offer of this process (called when pg-boss stops). */
export function stopPeriodics(): void {
  for (const t of timers()) clearInterval(t);
  timers().clear();
}

export interface Periodic {
  /** The pg-boss queue; one job per period slot in the whole cluster. */
  name: string;
  everySeconds: number;
  /** Must be safe to run twice at once (two slots' jobs may overlap on two processes). */
  run: () => Promise<unknown>;
}

/** How long a periodic job may stay "active" before pg-boss expires it: a few periods, at least a minute. */
const periodicExpireSeconds = (everySeconds: number) => Math.max(60, everySeconds * 3);

/**
 * Makes the queue a standard one. Databases from earlier versions hold it as "singleton" with a cron
 * schedule, and each of its jobs carries that policy, so a dead active job would still block the
 * ones queued behind it: the queue and its unfinished jobs are switched to "standard".
 */
async function ensureStandardQueue(boss: PgBoss, name: string): Promise<void> {
  const existing = await boss.getQueue(name);
  if (!existing) {
    try {
      await boss.createQueue(name, { name, policy: "standard" });
    } catch (e) {
      // Another process made it first.
      if (!(await boss.getQueue(name))) throw e;
    }
    return;
  }
  if (existing.policy === "standard") return;
  await boss.unschedule(name);
  await boss.updateQueue(name, { name, policy: "standard" });
  // pg-boss has no call for this; its job table is pgboss.job (the default schema this app uses).
  await boss
    .getDb()
    .executeSql(`update pgboss.job set policy = 'standard' where name = $1 and state < 'completed'`, [name]);
}

/**
 * A job that runs every `everySeconds` somewhere in the cluster (the sweeps that notice dead
 * workers, the budget evaluator, reconciliation). Every process with workers offers one job per
 * period slot (pg-boss's singletonSeconds makes it one per slot across all processes) on a
 * *standard* queue.
 *
 * Why not a "singleton" queue with a cron schedule, as before: a singleton queue lets one job be
 * active at a time, and a job whose worker was SIGKILLed mid-run (or that could not be completed
 * during a Postgres restart) stays active until it expires, 15 minutes by default. Every later job
 * waits behind it, so the very watchdog meant to notice dead workers died with one of them. On a
 * standard queue a lost job only expires; the next slot's job runs on time.
 */
export async function startPeriodic(boss: PgBoss, p: Periodic): Promise<() => void> {
  await ensureStandardQueue(boss, p.name);
  await boss.work(
    p.name,
    { pollingIntervalSeconds: Math.min(5, Math.max(0.5, p.everySeconds / 3)), batchSize: 1 },
    async () => {
      await p.run();
    },
  );
  const offer = () =>
    void boss
      .send(
        p.name,
        {},
        {
          singletonKey: p.name,
          singletonSeconds: p.everySeconds,
          retryLimit: 0,
          expireInSeconds: periodicExpireSeconds(p.everySeconds),
        },
      )
      .catch((e: unknown) => console.error(`[jobs:${p.name}]`, e instanceof Error ? e.message : e));
  offer();
  // Offered twice per period so no slot is missed; the slot key keeps it one job.
  const timer = setInterval(offer, (p.everySeconds * 1000) / 2);
  timer.unref();
  timers().add(timer);
  return () => {
    clearInterval(timer);
    timers().delete(timer);
  };
}
