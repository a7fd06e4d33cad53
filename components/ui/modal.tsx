"use client";

import * as Dialog from "@radix-ui/react-dialog";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The button that opens it. */
  trigger: React.ReactNode;
  /** The dialog's accessible name. */
  title: React.ReactNode;
  description: React.ReactNode;
  children: React.ReactNode;
}

/** A modal dialog that asks before something happens: title, what will happen, then the controls. */
export function Modal({ open, onOpenChange, trigger, title, description, children }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className="space-y-2 text-sm text-slate-800">{description}</div>
          </Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A dialog's buttons: Cancel, then the one that acts. */
export function ModalActions({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex justify-end gap-2">
      <Dialog.Close asChild>
        <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100">
          Cancel
        </button>
      </Dialog.Close>
      {children}
    </div>
  );
}
