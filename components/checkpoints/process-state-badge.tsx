import type { CudaProcessDto } from "@/lib/checkpoints";

const STYLES: Record<string, string> = {
  running: "bg-emerald-100 text-emerald-900",
  locked: "bg-amber-100 text-amber-900",
  checkpointing: "bg-amber-100 text-amber-900",
  restoring: "bg-amber-100 text-amber-900",
  checkpointed: "bg-sky-100 text-sky-900",
  failed: "bg-rose-100 text-rose-900",
  unknown: "bg-slate-200 text-slate-800",
  gone: "bg-slate-200 text-slate-800",
};

/** running / locked / checkpointed / failed, plus "on disk" for a CRIU-dumped process and "exited". */
export function ProcessStateBadge({ p }: { p: Pick<CudaProcessDto, "state" | "inCriuImage" | "exited"> }) {
  const label = p.state === "gone" ? (p.inCriuImage ? "on disk (CRIU)" : p.exited ? "exited" : "gone") : p.state;
  return (
    <span
      data-testid="process-state"
      data-state={p.state}
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${STYLES[p.state] ?? STYLES.unknown}`}
    >
      {label}
    </span>
  );
}
