"use client";

import { useTransition } from "react";
import { toast } from "sonner";

type Result = { ok: boolean; error?: string };

/**
 * Runs a server action from a button: one at a time, its outcome said in a toast, then `after`
 * (refetch or refresh) so the page shows what changed, whether it worked or not.
 */
export function useToastAction(after: () => unknown) {
  const [pending, start] = useTransition();
  const act = (fn: () => Promise<Result>, done: string) =>
    start(async () => {
      const r = await fn();
      if (r.ok) toast.success(done);
      else toast.error(r.error ?? "That did not work.");
      await after();
    });
  /** What a button that runs `fn` takes: disabled while any action runs, and the click. */
  const trigger = (fn: () => Promise<Result>, done: string) => ({ disabled: pending, onClick: () => act(fn, done) });
  return { pending, act, trigger };
}
