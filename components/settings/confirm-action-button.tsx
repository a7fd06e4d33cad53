"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { startTransition, useActionState, useEffect, useState } from "react";
import type { SettingsFormState } from "@/app/(dashboard)/settings/actions";
import { dangerButtonCls } from "./form-status";

interface Props {
  /** The server action that takes the record id from the form. */
  action: (prev: SettingsFormState, form: FormData) => Promise<SettingsFormState>;
  id: string;
  /** The trigger's visible text ("Delete") and its accessible name ("Delete the TensorDock key"). */
  label: string;
  accessibleLabel: string;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
}

/** A destructive button that asks first, in a modal dialog, and shows the server's answer there. */
export function ConfirmActionButton({ action, id, label, accessibleLabel, title, description, confirmLabel }: Props) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(action, {});
  useEffect(() => {
    if (state.ok) setOpen(false);
  }, [state.ok, state.doneAt]);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" className={dangerButtonCls} aria-label={accessibleLabel}>
          {label}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="text-sm text-slate-700">{description}</Dialog.Description>
          {state.error ? (
            <p role="alert" className="text-sm text-rose-700">
              {state.error}
            </p>
          ) : null}
          <form
            action={formAction}
            onSubmit={(ev) => {
              ev.preventDefault();
              const data = new FormData(ev.currentTarget);
              startTransition(() => formAction(data));
            }}
            className="flex justify-end gap-2"
          >
            <input type="hidden" name="id" value={id} />
            <Dialog.Close asChild>
              <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
                Cancel
              </button>
            </Dialog.Close>
            <button type="submit" disabled={pending} className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800 disabled:opacity-60">
              {pending ? "Please wait…" : confirmLabel}
            </button>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
