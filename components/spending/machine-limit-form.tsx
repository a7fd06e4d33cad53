"use client";

import { startTransition } from "react";
import { smallButtonCls } from "@/components/ui/button-styles";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { BudgetActionKind } from "@/db/schema/spending";
import { formatUsd } from "@/lib/money";
import { removeLimitAction, saveLimitAction } from "@/lib/spending/actions";
import { ACTION_LABELS, ACTION_OPTIONS } from "./action-options";

export interface LimitView {
  machineId: string;
  machineName: string;
  capMicros: number | null;
  endsAt: string | null;
  action: BudgetActionKind;
}

/** Per-machine limits: a spend cap over the machine's life, an end time (UTC), or both. */
export function MachineLimitForm({
  machines,
  limits,
}: {
  machines: { id: string; name: string }[];
  limits: LimitView[];
}) {
  const { state, formAction, onSubmit, pending, message, field } = useActionForm(saveLimitAction, {
    resetOnSuccess: false,
  });
  const machineOptions = machines.map((m) => ({ value: m.id, label: m.name }));
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
              <button
                type="button"
                className="ml-auto text-sm underline"
                onClick={() => startTransition(async () => void (await removeLimitAction(l.machineId)))}
              >
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
          action={formAction}
          onSubmit={onSubmit}
          className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_8rem_12rem_1fr_auto] lg:items-end"
        >
          <SelectField
            label="Machine"
            id="limit-machine"
            options={machineOptions}
            {...field("machineId", machines[0]?.id)}
          />
          <TextField label="Cap (USD)" id="limit-cap" inputMode="decimal" {...field("cap", "")} />
          <TextField label="End time (UTC)" id="limit-ends" type="datetime-local" {...field("endsAt", "")} />
          <SelectField label="At the limit" id="limit-action" options={ACTION_OPTIONS} {...field("action", "warn")} />
          <SubmitButton pending={pending} pendingLabel="Saving…" className={smallButtonCls}>
            Set limit
          </SubmitButton>
        </form>
      )}
      <div aria-live="polite">
        {/* The form's message even beside a field's: "No such machine." says more than the field alone. */}
        <FormMessage variant="inline" error={state?.ok === false ? state.error : undefined} message={message} />
      </div>
    </div>
  );
}
