// The promise of this process's start-up (migrations, catalog, sandbox), shared on globalThis because
// Next.js loads modules once per bundle within one process. lib/server/boot.ts sets it; the wrappers of
// actions and routes await it here, so they need not import start-up code (which imports every feature).
const g = globalThis as unknown as { __dumontBoot?: Promise<void> };

/** Resolves when start-up has finished; at once in a process that never starts (unit tests, scripts). */
export const whenStarted = (): Promise<void> => g.__dumontBoot ?? Promise.resolve();

/** For lib/server/boot.ts: the start-up in flight, or undefined to let the next call retry it. */
export const startupSlot = g;
