"use client";

import { startTransition } from "react";
import { smallButtonCls } from "@/components/ui/button-styles";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { BudgetActionKind } from "@/db/schema/spending";
import { removeBudgetAction, saveBudgetAction } from "@/lib/spending/actions";
import { ACTION_OPTIONS } from "./action-options";

/** The monthly budget (UTC month): amount in dollars and what happens at 100%. */
export function BudgetForm({ current }: { current: { amountUsd: string; action: BudgetActionKind } | null }) {
  // What was typed stays after a save: it is the budget now.
  const { formAction, onSubmit, pending, message, error, field } = useActionForm(saveBudgetAction, {
    resetOnSuccess: false,
  });
  return (
    <form
      aria-label="Monthly budget"
      action={formAction}
      onSubmit={onSubmit}
      className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
      noValidate
    >
      <TextField
        label="Monthly budget (USD)"
        id="budget-amount"
        inputMode="decimal"
        {...field("amount", current?.amountUsd ?? "")}
      />
      <SelectField
        label="At 100%"
        id="budget-action"
        options={ACTION_OPTIONS}
        {...field("action", current?.action ?? "warn")}
      />
      <div className="flex gap-2">
        <SubmitButton pending={pending} pendingLabel="Saving…" className={smallButtonCls}>
          Save budget
        </SubmitButton>
        {current ? (
          <button
            type="button"
            onClick={() => startTransition(async () => void (await removeBudgetAction()))}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          >
            Remove
          </button>
        ) : null}
      </div>
      <div className="sm:col-span-3" aria-live="polite">
        <FormMessage variant="inline" error={error} message={message} />
      </div>
    </form>
  );
}
