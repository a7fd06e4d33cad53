"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { useActionForm } from "@/components/ui/use-action-form";

interface Props {
  form: ReturnType<typeof useActionForm>;
  /** The form's accessible name. */
  label: string;
  /** The name field: its label, id, placeholder and hint. */
  field: { label: string; id: string; placeholder: string; hint: string };
  submit: string;
  pendingLabel: string;
}

/** A form that creates something from a name alone (an SSH key, an API token). */
export function NameForm({ form, label, field, submit, pendingLabel }: Props) {
  return (
    <ActionForm form={form} label={label}>
      <TextField {...form.field("name")} {...field} />
      <SubmitButton pending={form.pending} pendingLabel={pendingLabel}>
        {submit}
      </SubmitButton>
    </ActionForm>
  );
}
