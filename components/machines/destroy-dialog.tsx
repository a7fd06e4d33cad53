"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { destroyAction } from "@/app/(dashboard)/machines/actions";
import type { MachineDto } from "@/lib/machines/machine-dto";
import { formatUsd, perHour } from "@/lib/money";

/**
 * Destroy tells the truth about billing: what stop would still bill, that destroy ends billing and
 * erases the disk, the cost so far; and it asks for the machine's name.
 */
export function DestroyDialog({ machine, onDone, trigger }: { machine: MachineDto; onDone?: () => void; trigger?: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const byo = machine.origin === "byo";
  return (
    <Dialog.Root open={open} onOpenChange={(o) => (setOpen(o), setTyped(""), setError(null))}>
      <Dialog.Trigger asChild>
        {trigger ?? (
          <button type="button" className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800">
            {byo ? "Remove" : "Destroy"}
          </button>
        )}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 w-[min(32rem,92vw)] -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">
            {byo ? "Remove" : "Destroy"} {machine.name}?
          </Dialog.Title>
          <Dialog.Description asChild>
            <div className="space-y-2 text-sm text-slate-800">
              {byo ? (
                <p>This removes the server from DumontCloud. The server itself keeps running and billing at its provider.</p>
              ) : (
                <>
                  <p>
                    <strong>Destroy ends billing and erases the disk.</strong> Everything on the machine, including checkpoints stored on its
                    disk, is lost.
                  </p>
                  <p>
                    {machine.canStop ? (
                      <>
                        Stop would keep billing: {machine.stoppedPricePerHourMicros != null ? `${perHour(machine.stoppedPricePerHourMicros)} while stopped. ` : ""}
                        {machine.stoppedBillingNote}
                      </>
                    ) : (
                      <>{machine.providerLabel} cannot stop a machine: destroy is the only way to end its billing.</>
                    )}
                  </p>
                  <p>
                    Cost so far: <strong data-testid="destroy-cost">{formatUsd(machine.costSoFarMicros, { maxDigits: 4 })}</strong> at{" "}
                    {perHour(machine.rateNowMicros)} now.
                  </p>
                </>
              )}
            </div>
          </Dialog.Description>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              start(async () => {
                const r = await destroyAction(machine.id, typed);
                if (!r.ok) return setError(r.fieldErrors?.confirmName ?? r.error);
                toast.success(byo ? "Removed" : "Destroying: we confirm with the provider that billing ended");
                setOpen(false);
                onDone?.();
              });
            }}
            className="space-y-3"
          >
            <label htmlFor="confirm-name" className="block text-sm font-medium">
              Type <code className="rounded bg-slate-100 px-1">{machine.name}</code> to confirm
            </label>
            <input id="confirm-name" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} className="block w-full rounded-md border border-slate-300 px-2 py-1.5" aria-invalid={!!error} />
            {error ? (
              <p role="alert" className="text-sm text-rose-700">
                {error}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Dialog.Close asChild>
                <button type="button" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" disabled={typed.trim() !== machine.name || pending} className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
                {pending ? "Working…" : byo ? "Remove" : "Destroy and end billing"}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
