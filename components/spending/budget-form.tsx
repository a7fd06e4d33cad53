"use client";

import { startTransition, useActionState } from "react";
import { removeBudgetAction, saveBudgetAction, type SpendingFormState } from "@/app/(dashboard)/spending/actions";
import { Field, inputCls } from "@/components/ui/field";
import type { BudgetActionKind } from "@/db/schema/spending";
import { ACTION_LABELS } from "./action-options";

/** The monthly budget (UTC month): amount in dollars and what happens at 100%. */
export function BudgetForm({ current }: { current: { amountUsd: string; action: BudgetActionKind } | null }) {
  const [state, formAction, pending] = useActionState<SpendingFormState, FormData>(saveBudgetAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form
      aria-label="Monthly budget"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
      noValidate
    >
      <Field label="Monthly budget (USD)" htmlFor="budget-amount" error={errors.amount}>
        <input id="budget-amount" name="amount" inputMode="decimal" defaultValue={state.values?.amount ?? current?.amountUsd ?? ""} className={inputCls} aria-invalid={!!errors.amount} aria-describedby={errors.amount ? "budget-amount-error" : undefined} />
      </Field>
      <Field label="At 100%" htmlFor="budget-action" error={errors.action}>
        <select id="budget-action" name="action" defaultValue={state.values?.action ?? current?.action ?? "warn"} className={inputCls}>
          {Object.entries(ACTION_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {pending ? "Saving…" : "Save budget"}
        </button>
        {current ? (
          <button type="button" onClick={() => startTransition(async () => void (await removeBudgetAction()))} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Remove
          </button>
        ) : null}
      </div>
      <div className="sm:col-span-3" aria-live="polite">
        {state.ok && state.message ? <p role="status" className="text-sm text-emerald-800">{state.message}</p> : null}
        {!state.ok && state.error && !Object.keys(errors).length ? <p role="alert" className="text-sm text-rose-700">{state.error}</p> : null}
      </div>
    </form>
  );
}
