"use client";

import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { signOutAction } from "@/lib/account/actions";

export function SignOutButton() {
  const { formAction, onSubmit, pending, error } = useActionForm(signOutAction, { resetOnSuccess: false });
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex items-center gap-2">
      <FormMessage variant="inline" error={error} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100"
      >
        Sign out
      </button>
    </form>
  );
}
