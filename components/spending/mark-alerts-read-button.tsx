"use client";

import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { markAlertsReadAction } from "@/lib/spending/actions";

export function MarkAlertsReadButton() {
  const { formAction, onSubmit, pending, error } = useActionForm(markAlertsReadAction);
  return (
    <form action={formAction} onSubmit={onSubmit}>
      <button type="submit" disabled={pending} className="text-sm underline">
        Mark all as read
      </button>
      <FormMessage variant="inline" error={error} />
    </form>
  );
}
