import type { BudgetActionRow, BudgetAlertRow } from "@/db/queries/spending";
import { ACTION_LABELS } from "./action-options";
import { MarkAlertsReadButton } from "./mark-alerts-read-button";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "");

export function AlertsList({ alerts }: { alerts: BudgetAlertRow[] }) {
  if (alerts.length === 0)
    return (
      <p className="text-sm text-slate-700">
        No alert yet. Alerts fire at 80% and 100% of a budget or cap, once per month.
      </p>
    );
  const unread = alerts.some((a) => !a.readAt);
  return (
    <div className="space-y-2">
      <ul className="space-y-1 text-sm" data-testid="alerts-list">
        {alerts.map((a) => (
          <li
            key={a.id}
            className={`rounded border px-3 py-2 ${a.readAt ? "border-slate-200" : "border-rose-300 bg-rose-50"}`}
            data-testid="alert-row"
          >
            <span className="mr-2 text-xs text-slate-600">{when(a.createdAt)} UTC</span>
            {a.message}
          </li>
        ))}
      </ul>
      {unread ? <MarkAlertsReadButton /> : null}
    </div>
  );
}

const STATUS_CLS: Record<string, string> = {
  queued: "bg-slate-200",
  running: "bg-amber-200",
  done: "bg-emerald-200",
  failed: "bg-rose-200",
};

/** What each reached limit made us do, step by step. */
export function ActionsList({
  actions,
  names,
}: {
  actions: BudgetActionRow[];
  names: Record<string, { name: string }>;
}) {
  if (actions.length === 0) return <p className="text-sm text-slate-700">No action taken yet.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="actions-list">
      {actions.map((a) => (
        <li key={a.id} className="rounded border border-slate-200 px-3 py-2" data-testid="action-row">
          <div className="flex flex-wrap items-center gap-2">
            <span
              className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_CLS[a.status] ?? ""}`}
              data-testid="action-status"
            >
              {a.status}
            </span>
            <span className="font-medium">{ACTION_LABELS[a.action] ?? a.action}</span>
            {a.machineId ? <span>on {names[a.machineId]?.name ?? a.machineId}</span> : null}
            <span className="ml-auto text-xs text-slate-600">{when(a.createdAt)} UTC</span>
          </div>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-slate-800">
            {a.steps.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are only ever appended, so a step keeps its index.
              <li key={i} className={s.outcome === "failed" ? "text-rose-700" : ""}>
                {s.message}
              </li>
            ))}
          </ol>
          {a.error ? <p className="mt-1 text-rose-700">{a.error}</p> : null}
        </li>
      ))}
    </ul>
  );
}
