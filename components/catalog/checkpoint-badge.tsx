import type { CheckpointEvidence, CheckpointSupport } from "@/lib/catalog/types";

const STYLE: Record<CheckpointSupport, { label: string; icon: string; cls: string }> = {
  yes: { label: "Yes", icon: "✓", cls: "bg-emerald-100 text-emerald-900 ring-emerald-700/40" },
  negotiable: { label: "Negotiable", icon: "!", cls: "bg-amber-100 text-amber-900 ring-amber-700/40" },
  expensive: { label: "Expensive", icon: "$", cls: "bg-amber-100 text-amber-900 ring-amber-700/40" },
  no: { label: "No", icon: "✕", cls: "bg-rose-100 text-rose-900 ring-rose-700/40" },
};

export const supportLabel = (s: CheckpointSupport) => STYLE[s].label;

const RESULT_ICON = { pass: "✓", fail: "✕", info: "•" } as const;

/**
 * The checkpoint-support badge. Its evidence (what was tested, with what result, when, and who says so)
 * opens on hover and on keyboard focus, with no JavaScript, so it also works in prerendered HTML.
 */
export function CheckpointBadge({ evidence, id }: { evidence: CheckpointEvidence; id: string }) {
  const s = STYLE[evidence.support];
  const tipId = `ev-${id}`;
  return (
    <span className="tip inline-block">
      <button
        type="button"
        aria-describedby={tipId}
        className={`inline-flex cursor-help items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.cls}`}
      >
        <span aria-hidden="true">{s.icon}</span> {s.label}
        <span className="sr-only"> checkpoint support</span>
      </button>
      <span
        id={tipId}
        role="tooltip"
        className="tip-body pointer-events-none absolute left-0 top-full z-20 mt-1 w-72 rounded-md border border-slate-300 bg-white p-3 text-left text-xs font-normal text-slate-800 shadow-lg"
      >
        <span className="block font-semibold">{evidence.summary}</span>
        <span className="mt-1 block">
          {evidence.testedOn
            ? `Tested on ${evidence.testedOn}.`
            : evidence.confirmed
              ? "Stated by the brief."
              : "Not confirmed by a test."}
        </span>
        <span className="mt-1 block">
          {evidence.items.map((i) => (
            <span key={i.check} className="block">
              <span aria-hidden="true">{RESULT_ICON[i.result]}</span> {i.check}
              {i.detail ? `: ${i.detail}` : ""}
            </span>
          ))}
        </span>
        {evidence.sources.map((src) => (
          <span key={src.label} className="mt-1 block text-slate-600">
            Source: {src.label}
            {src.date ? ` (${src.date})` : ""}
            {src.quote ? <q className="block italic">{src.quote}</q> : null}
          </span>
        ))}
      </span>
    </span>
  );
}
