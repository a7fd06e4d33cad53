import type { OperationDto } from "@/lib/checkpoints";
import { formatDuration } from "@/lib/format";
import { alignRight, type Column, DataTable } from "@/components/ui/table";
import { formatBytes, formatWhen } from "./use-agent";

const STATUS: Record<string, string> = {
  queued: "text-slate-700",
  running: "text-amber-800",
  done: "text-emerald-800",
  failed: "text-rose-800",
};

const COLUMNS: Column[] = ["Action", "PID", "Started", alignRight("Duration"), alignRight("Bytes"), "Image", "Result"];

/** Every checkpoint and restore: when, how long, how much, where the image is, and the error if any. */
export function OperationsHistory({ operations }: { operations: OperationDto[] }) {
  if (operations.length === 0) return <p className="text-sm text-slate-700">No checkpoints yet.</p>;
  return (
    <DataTable variant="compact" testId="operations-table" columns={COLUMNS}>
      {operations.map((o) => (
        <tr
          key={o.id}
          className="border-t border-slate-100 align-top"
          data-testid="operation-row"
          data-status={o.status}
          data-action={o.action}
        >
          <td className="px-3 py-2">
            {o.action}
            {o.criu ? " + CRIU" : ""}
          </td>
          <td className="px-3 py-2 font-mono tabular-nums">{o.pid}</td>
          <td className="px-3 py-2 whitespace-nowrap">{formatWhen(o.startedAt ?? o.createdAt)}</td>
          <td className="px-3 py-2 text-right tabular-nums">
            {o.durationMs != null ? (o.durationMs < 1000 ? `${o.durationMs} ms` : formatDuration(o.durationMs)) : "—"}
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{formatBytes(o.bytes)}</td>
          <td className="px-3 py-2 font-mono text-xs break-all">
            {o.imagePath ?? "—"}
            {o.imageBytes != null ? ` (${formatBytes(o.imageBytes)})` : ""}
          </td>
          <td className="px-3 py-2">
            <span className={`font-medium ${STATUS[o.status] ?? ""}`}>{o.status}</span>
            {o.finalState ? <span className="text-slate-700"> · {o.finalState}</span> : null}
            {o.error ? <p className="mt-1 max-w-md text-xs text-rose-800">{o.error}</p> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
