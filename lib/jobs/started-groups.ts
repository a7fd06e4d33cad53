import "server-only";

// The worker groups this process started. Kept on globalThis: Next's dev server may evaluate a
// module twice, and the second copy must find the workers the first one started.
const g = globalThis as unknown as { __dumontWorkerGroups?: Map<string, Promise<void>> };
const groups = () => (g.__dumontWorkerGroups ??= new Map());

/** Runs `start` once per process for `name`; later calls get the same start. A failed start may be tried again. */
export function startOnce(name: string, start: () => Promise<void>): Promise<void> {
  const existing = groups().get(name);
  if (existing) return existing;
  const started: Promise<void> = start().catch((err: unknown) => {
    if (groups().get(name) === started) groups().delete(name);
    throw err;
  });
  groups().set(name, started);
  return started;
}

/**
 * Forgets every started group: pg-boss is stopping and their workers stop with it, so a later start
 * (a test on a fresh database) must register them again. Waits for those still starting, so none
 * goes on to start a new pg-boss, but at most `waitMs`, so a start stuck on an unreachable database
 * cannot hold up a process that was told to stop.
 */
export async function forgetStartedGroups(waitMs = 5000): Promise<void> {
  const started = [...groups().values()];
  groups().clear();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(started), new Promise((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
}
