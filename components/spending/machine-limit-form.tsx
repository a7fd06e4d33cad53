"use client";

import { startTransition, useActionState } from "react";
import { removeLimitAction, saveLimitAction, type SpendingFormState } from "@/app/(dashboard)/spending/actions";
import { Field, inputCls } from "@/components/ui/field";
import type { BudgetActionKind } from "@/db/schema/spending";
import { formatUsd } from "@/lib/money";
import { ACTION_LABELS } from "./action-options";

export interface LimitView {
  machineId: string;
  machineName: string;
  capMicros: number | null;
  endsAt: string | null;
  action: BudgetActionKind;
}

/** Per-machine limits: a spend cap over the machine's life, an end time (UTC), or both. */
export function MachineLimitForm({ machines, limits }: { machines: { id: string; name: string }[]; limits: LimitView[] }) {
  const [state, formAction, pending] = useActionState<SpendingFormState, FormData>(saveLimitAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-3">
      {limits.length ? (
        <ul className="divide-y divide-slate-200 text-sm" data-testid="machine-limits">
          {limits.map((l) => (
            <li key={l.machineId} className="flex flex-wrap items-center gap-2 py-1.5">
              <span className="font-medium">{l.machineName}</span>
              {l.capMicros != null ? <span>cap {formatUsd(l.capMicros, { maxDigits: 6 })}</span> : null}
              {l.endsAt ? <span>ends {l.endsAt.slice(0, 16).replace("T", " ")} UTC</span> : null}
              <span className="text-slate-600">→ {ACTION_LABELS[l.action]}</span>
              <button type="button" className="ml-auto text-sm underline" onClick={() => startTransition(async () => void (await removeLimitAction(l.machineId)))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {machines.length === 0 ? (
        <p className="text-sm text-slate-700">No machine to limit: deploy one first.</p>
      ) : (
        <form
          aria-label="Machine limit"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const data = new FormData(e.currentTarget);
            startTransition(() => formAction(data));
          }}
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_8rem_12rem_1fr_auto] lg:items-end"
        >
          <Field label="Machine" htmlFor="limit-machine" error={errors.machineId}>
            <select id="limit-machine" name="machineId" defaultValue={state.values?.machineId ?? machines[0]?.id} className={inputCls}>
              {machines.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Cap (USD)" htmlFor="limit-cap" error={errors.cap}>
            <input id="limit-cap" name="cap" inputMode="decimal" defaultValue={state.values?.cap ?? ""} className={inputCls} aria-invalid={!!errors.cap} />
          </Field>
          <Field label="End time (UTC)" htmlFor="limit-ends" error={errors.endsAt}>
            <input id="limit-ends" name="endsAt" type="datetime-local" defaultValue={state.values?.endsAt ?? ""} className={inputCls} aria-invalid={!!errors.endsAt} />
          </Field>
          <Field label="At the limit" htmlFor="limit-action" error={errors.action}>
            <select id="limit-action" name="action" defaultValue={state.values?.action ?? "warn"} className={inputCls}>
              {Object.entries(ACTION_LABELS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
            {pending ? "Saving…" : "Set limit"}
          </button>
        </form>
      )}
      <div aria-live="polite">
        {state.ok && state.message ? <p role="status" className="text-sm text-emerald-800">{state.message}</p> : null}
        {!state.ok && state.error ? <p role="alert" className="text-sm text-rose-700">{state.error}</p> : null}
      </div>
    </div>
  );
}
