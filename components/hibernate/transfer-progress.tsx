import type { TransferProgress } from "@/db/schema";
import { formatDuration } from "@/lib/format";
import { formatBytes } from "./format-bytes";

/** A progress bar with bytes, rate and time left, for an upload or a download in flight. */
export function TransferProgressBar({ p }: { p: TransferProgress }) {
  const pct = p.bytesTotal > 0 ? Math.min(100, Math.round((p.bytesDone / p.bytesTotal) * 100)) : 0;
  const label = p.phase === "upload" ? "Upload" : "Download";
  return (
    <div className="space-y-1" data-testid={`${p.phase}-progress`}>
      <div className="flex justify-between text-xs text-slate-700">
        <span>
          {label}: {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)}
        </span>
        <span>
          {p.rateBps > 0 ? `${formatBytes(p.rateBps)}/s` : "starting…"}
          {p.etaSeconds != null && p.bytesDone < p.bytesTotal ? ` · ${formatDuration(p.etaSeconds * 1000)} left` : ""}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
