"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FormMessage } from "@/components/ui/form-message";
import { Modal, ModalActions } from "@/components/ui/modal";
import { SubmitButton } from "@/components/ui/submit-button";
import { destroyAction } from "@/lib/machines/actions";
import type { MachineDto } from "@/lib/machines";
import { formatUsd, perHour } from "@/lib/money";

/**
 * Destroy tells the truth about billing: what stop would still bill, that destroy ends billing and
 * erases the disk, the cost so far; and it asks for the machine's name.
 */
export function DestroyDialog({
  machine,
  onDone,
  trigger,
}: {
  machine: MachineDto;
  onDone?: () => void;
  trigger?: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const byo = machine.origin === "byo";
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setTyped("");
        setError(null);
      }}
      trigger={
        trigger ?? (
          <button
            type="button"
            className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800"
          >
            {byo ? "Remove" : "Destroy"}
          </button>
        )
      }
      title={`${byo ? "Remove" : "Destroy"} ${machine.name}?`}
      description={
        byo ? (
          <p>This removes the server from DumontCloud. The server itself keeps running and billing at its provider.</p>
        ) : (
          <>
            <p>
              <strong>Destroy ends billing and erases the disk.</strong> Everything on the machine, including
              checkpoints stored on its disk, is lost.
            </p>
            <p>
              {machine.canStop ? (
                <>
                  Stop would keep billing:{" "}
                  {machine.stoppedPricePerHourMicros != null
                    ? `${perHour(machine.stoppedPricePerHourMicros)} while stopped. `
                    : ""}
                  {machine.stoppedBillingNote}
                </>
              ) : (
                <>{machine.providerLabel} cannot stop a machine: destroy is the only way to end its billing.</>
              )}
            </p>
            <p>
              Cost so far:{" "}
              <strong data-testid="destroy-cost">{formatUsd(machine.costSoFarMicros, { maxDigits: 4 })}</strong> at{" "}
              {perHour(machine.rateNowMicros)} now.
            </p>
          </>
        )
      }
    >
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
        <input
          id="confirm-name"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          className="block w-full rounded-md border border-slate-300 px-2 py-1.5"
          aria-invalid={!!error}
        />
        <FormMessage variant="inline" error={error} />
        <ModalActions>
          <SubmitButton
            pending={pending}
            pendingLabel="Working…"
            disabled={typed.trim() !== machine.name}
            className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {byo ? "Remove" : "Destroy and end billing"}
          </SubmitButton>
        </ModalActions>
      </form>
    </Modal>
  );
}
