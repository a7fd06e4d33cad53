import type { TransferProgress } from "@/db/schema";

/** Progress of a transfer from its start: bytes, average rate, and time left at that rate. */
export function transferProgress(
  phase: TransferProgress["phase"],
  bytesDone: number,
  bytesTotal: number,
  startedAt: Date,
  now: Date,
): TransferProgress {
  const secs = Math.max(0.001, (now.getTime() - startedAt.getTime()) / 1000);
  const rateBps = bytesDone > 0 ? Math.round(bytesDone / secs) : 0;
  const left = Math.max(0, bytesTotal - bytesDone);
  return {
    phase,
    bytesDone,
    bytesTotal,
    rateBps,
    etaSeconds: rateBps > 0 ? Math.ceil(left / rateBps) : null,
    startedAt: startedAt.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** Calls `write` at most every `everyMs` (progress lines can arrive many times a second), and always for the last one. */
export function throttled<T>(
  everyMs: number,
  write: (v: T) => Promise<unknown>,
): { push(v: T): void; flush(): Promise<void> } {
  let last = 0;
  let pending: T | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const send = (v: T) => {
    last = Date.now();
    pending = undefined;
    chain = chain.then(() => write(v)).catch(() => undefined);
  };
  return {
    push(v) {
      if (Date.now() - last >= everyMs) send(v);
      else pending = v;
    },
    async flush() {
      if (pending !== undefined) send(pending);
      await chain;
    },
  };
}

/** Part size for a multipart upload: at least 64 MiB (fewer requests), at most 1,000 parts (S3 allows 10,000). */
export function partSizeFor(bytes: number): number {
  const MiB = 1024 * 1024;
  return Math.max(64 * MiB, Math.ceil(bytes / 1000 / MiB) * MiB);
}
