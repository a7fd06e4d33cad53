"use client";

import { useEffect, useState } from "react";
import { dangerButtonCls } from "@/components/ui/button-styles";
import { FormMessage } from "@/components/ui/form-message";
import { Modal, ModalActions } from "@/components/ui/modal";
import { SubmitButton } from "@/components/ui/submit-button";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/actions/run-action";

interface Props {
  /** The server action that takes the record id from the form. */
  action: FormAction;
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
  const { state, formAction, onSubmit, pending, error } = useActionForm(action);
  useEffect(() => {
    if (state?.ok) setOpen(false);
  }, [state]);
  return (
    <Modal
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className={dangerButtonCls} aria-label={accessibleLabel}>
          {label}
        </button>
      }
      title={title}
      description={description}
    >
      <FormMessage variant="inline" error={error} />
      <form action={formAction} onSubmit={onSubmit}>
        <input type="hidden" name="id" value={id} />
        <ModalActions>
          <SubmitButton
            pending={pending}
            className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800 disabled:opacity-60"
          >
            {confirmLabel}
          </SubmitButton>
        </ModalActions>
      </form>
    </Modal>
  );
}
