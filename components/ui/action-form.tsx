"use client";

import { FormMessage } from "./form-message";
import type { useActionForm } from "./use-action-form";

interface Props {
  /** What useActionForm returned for this form's action. */
  form: Pick<ReturnType<typeof useActionForm>, "formRef" | "formAction" | "onSubmit" | "error" | "message">;
  /** The form's accessible name. */
  label: string;
  className?: string;
  children: React.ReactNode;
}

/** A form wired to its action, with the outcome above the fields. Fields are checked by the server only. */
export function ActionForm({ form, label, className = "space-y-3", children }: Props) {
  return (
    <form
      ref={form.formRef}
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      aria-label={label}
      className={className}
    >
      <FormMessage error={form.error} message={form.message} />
      {children}
    </form>
  );
}
