"use client";

import type { CudaProcessDto } from "@/lib/checkpoints";
import { alignRight, type Column, DataTable } from "@/components/ui/table";
import { ProcessStateBadge } from "./process-state-badge";

export interface ProcessActions {
  /** Why no action can run on this machine now (not ready, host key changed…), or null. */
  blocked: string | null;
  pending: boolean;
  onCheckpoint: (pid: number) => void;
  onRestore: (pid: number) => void;
}

function why(p: CudaProcessDto, blocked: string | null, action: "checkpoint" | "restore"): string | null {
  if (p.activeOperation) return `A ${p.activeOperation.action} is ${p.activeOperation.status}.`;
  if (blocked) return blocked;
  if (action === "checkpoint" && p.state !== "running")
    return p.state === "failed"
      ? "A failed process cannot be checkpointed."
      : `It is ${p.state === "gone" ? "not running" : p.state}.`;
  if (
    action === "restore" &&
    !(p.state === "checkpointed" || p.state === "locked" || (p.state === "gone" && p.inCriuImage))
  )
    return "It is not checkpointed.";
  return null;
}

const RESTORE_CLS =
  "rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50";
const CHECKPOINT_CLS =
  "rounded-md bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50";

const COLUMNS: Column[] = ["PID", "Name", alignRight("GPU memory"), "State", { label: "Actions", srOnly: true }];

/** CUDA processes with their live checkpoint state, GPU memory, and one-click checkpoint / restore. */
export function ProcessesTable({ processes, actions }: { processes: CudaProcessDto[]; actions: ProcessActions }) {
  if (processes.length === 0)
    return <p className="text-sm text-slate-700">No CUDA processes on this machine right now.</p>;
  return (
    <DataTable variant="compact" testId="processes-table" columns={COLUMNS}>
      {processes.map((p) => {
        const ck = why(p, actions.blocked, "checkpoint");
        const rs = why(p, actions.blocked, "restore");
        // A process left locked (a lock that outlived a failed step) is freed by the restore
        // script's unlock branch, so the same action is offered as "Unlock".
        const showRestore = p.state === "checkpointed" || p.state === "locked" || (p.state === "gone" && p.inCriuImage);
        const reason = showRestore ? rs : ck;
        const reasonId = `proc-${p.pid}-why`;
        return (
          <tr key={p.pid} className="border-t border-slate-100 align-top" data-testid="process-row" data-pid={p.pid}>
            <td className="px-3 py-2 font-mono tabular-nums">{p.pid}</td>
            <td className="px-3 py-2">{p.name ?? "—"}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {p.usedMemoryMiB != null ? `${p.usedMemoryMiB.toLocaleString()} MiB` : "—"}
            </td>
            <td className="px-3 py-2">
              <ProcessStateBadge p={p} />
              {p.activeOperation ? (
                <span className="ml-2 text-xs text-slate-700">
                  {p.activeOperation.action} {p.activeOperation.status}…
                </span>
              ) : null}
              {p.stateError ? (
                <p className={`mt-1 text-xs ${p.state === "failed" ? "text-rose-800" : "text-slate-700"}`}>
                  {p.stateError}
                </p>
              ) : null}
            </td>
            <td className="px-3 py-2 text-right">
              {p.exited ? null : (
                <button
                  type="button"
                  disabled={!!reason || actions.pending}
                  aria-describedby={reason ? reasonId : undefined}
                  onClick={() => (showRestore ? actions.onRestore : actions.onCheckpoint)(p.pid)}
                  className={showRestore ? RESTORE_CLS : CHECKPOINT_CLS}
                >
                  {showRestore ? (p.state === "locked" ? "Unlock" : "Restore") : "Checkpoint"}
                </button>
              )}
              {reason && !p.exited ? (
                <p id={reasonId} className="mt-1 max-w-xs text-left text-xs text-slate-700">
                  {reason}
                </p>
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
