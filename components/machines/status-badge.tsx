const STYLES: Record<string, string> = {
  running: "bg-emerald-100 text-emerald-900",
  stopped: "bg-slate-200 text-slate-800",
  failed: "bg-rose-100 text-rose-900",
  destroyed: "bg-slate-100 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="machine-status"
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[status] ?? "bg-sky-100 text-sky-900"}`}
    >
      {status}
    </span>
  );
}
