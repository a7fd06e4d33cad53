"use client";

import { useEffect, useRef } from "react";
import type { SetupRunDto } from "@/lib/checkpoints";
import { formatWhen } from "./use-agent";

/** The setup run's output, line by line as it streams in (the page polls it every second while it runs). */
export function SetupLog({ run }: { run: SetupRunDto }) {
  const ref = useRef<HTMLPreElement>(null);
  const live = run.status === "queued" || run.status === "running";
  // biome-ignore lint/correctness/useExhaustiveDependencies: `run.log` is the trigger: keep the newest output in view as it grows.
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [run.log]);
  return (
    <div className="space-y-1" data-testid="setup-run" data-status={run.status}>
      <p className="text-sm">
        Setup{" "}
        {run.status === "queued"
          ? "queued"
          : run.status === "running"
            ? "running…"
            : run.status === "done"
              ? "finished"
              : "failed"}{" "}
        · started {formatWhen(run.startedAt)}
        {run.endedAt ? ` · ended ${formatWhen(run.endedAt)}` : ""}
        {run.rebootRequired ? " · reboot required for the new driver" : ""}
      </p>
      {run.error ? <p className="text-sm text-rose-800">{run.error}</p> : null}
      <pre
        ref={ref}
        role="log"
        aria-live={live ? "polite" : "off"}
        aria-label="Setup output"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to be scrolled (axe: scrollable-region-focusable).
        tabIndex={0}
        data-testid="setup-log"
        className="max-h-72 overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-50"
      >
        {run.log || (live ? "Waiting for output…" : "")}
      </pre>
    </div>
  );
}
