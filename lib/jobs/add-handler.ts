import "server-only";
import type PgBoss from "pg-boss";

export interface Handler<T> {
  queue: string;
  /** Pollers of this queue in this process; each takes `batchSize` jobs at a time. */
  pollers?: number;
  pollingIntervalSeconds: number;
  batchSize?: number;
  /** The jobs of one batch run side by side (each on its own leased record) instead of one after another. */
  parallel?: boolean;
  /**
   * By default a failure fails the job, for pg-boss to retry as the job's options say. With `logAs`
   * it is logged under that tag and the job completes: its record already says what went wrong.
   */
  logAs?: string;
  run: (data: T) => Promise<unknown>;
}

/** Registers `h.run` for the jobs of `h.queue`. */
export async function addHandler<T extends object>(boss: PgBoss, h: Handler<T>): Promise<void> {
  const log = (e: unknown) => console.error(`[${h.logAs}]`, e instanceof Error ? e.message : e);
  const one = (job: PgBoss.Job<T>) => (h.logAs ? h.run(job.data).catch(log) : h.run(job.data));
  const handle = async (jobs: PgBoss.Job<T>[]) => {
    if (h.parallel) await Promise.all(jobs.map(one));
    else for (const job of jobs) await one(job);
  };
  for (let i = 0; i < (h.pollers ?? 1); i++)
    await boss.work<T>(
      h.queue,
      { pollingIntervalSeconds: h.pollingIntervalSeconds, batchSize: h.batchSize ?? 1 },
      handle,
    );
}
