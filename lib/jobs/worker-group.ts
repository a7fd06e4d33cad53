import "server-only";
import type PgBoss from "pg-boss";
import { getDb, type Db } from "@/db";
import { getBoss } from "./boss";
import { startOnce } from "./started-groups";

export interface QueueSpec {
  name: string;
  /** "stately" keeps at most one job waiting per singleton key (a machine's refresh); standard by default. */
  policy?: "standard" | "stately";
}

export interface WorkerGroup {
  /** One start per process per name. */
  name: string;
  /** The queues its handlers work; a periodic job's queue is made by startPeriodic. */
  queues: QueueSpec[];
  /** Registers the handlers (addHandler) and periodic jobs (startPeriodic). */
  start: (ctx: { boss: PgBoss; db: Db }) => Promise<void>;
}

/**
 * Starts a feature's workers once per process: its queues, then its handlers. A second call (start-up
 * asked twice, a module evaluated twice by Next's dev server) gets the first start; stopBoss forgets it.
 */
export function startWorkerGroup(group: WorkerGroup): Promise<void> {
  return startOnce(group.name, async () => {
    const boss = await getBoss();
    await ensureQueues(boss, group.queues);
    await group.start({ boss, db: await getDb() });
  });
}

async function ensureQueues(boss: PgBoss, queues: QueueSpec[]): Promise<void> {
  for (const q of queues) {
    if (await boss.getQueue(q.name)) continue;
    try {
      await boss.createQueue(q.name, { name: q.name, policy: q.policy ?? "standard" });
    } catch (e) {
      // Another process made it first.
      if (!(await boss.getQueue(q.name))) throw e;
    }
  }
}
