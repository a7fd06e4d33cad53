"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { registerByoAction } from "@/lib/machines/actions";
import { Field, inputCls } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Select } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmitAction } from "@/components/ui/use-submit-action";

const FIELDS = [
  { name: "name", label: "Name", initial: "my-server" },
  { name: "host", label: "Host or IP", initial: "" },
  { name: "port", label: "SSH port", initial: "22", type: "number" },
  { name: "user", label: "SSH user", initial: "root" },
  { name: "gpuModel", label: "GPU model", initial: "H100" },
  { name: "gpuCount", label: "GPUs", initial: "1", type: "number" },
  { name: "pricePerHour", label: "What it costs per hour ($, optional)", initial: "0", type: "number" },
] as const;

/** Register a server the user already has: same machine page, no provisioning. */
export function RegisterForm({ sshKeys }: { sshKeys: { id: string; name: string }[] }) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(FIELDS.map((f) => [f.name, f.initial])),
    sshKeyId: sshKeys[0]?.id ?? "",
  }));
  const { errors, error: formError, pending, onSubmit } = useSubmitAction();
  return (
    <form
      className="grid max-w-2xl gap-4 sm:grid-cols-2"
      onSubmit={onSubmit(
        () => registerByoAction(values),
        (data) => router.push(`/machines/${data!.id}`),
      )}
    >
      {FIELDS.map((f) => (
        <Field key={f.name} label={f.label} htmlFor={`byo-${f.name}`} error={errors[f.name]}>
          <input
            id={`byo-${f.name}`}
            type={"type" in f ? f.type : "text"}
            className={inputCls}
            value={values[f.name]}
            onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
            aria-invalid={!!errors[f.name]}
          />
        </Field>
      ))}
      <Field label="SSH key" htmlFor="byo-sshKeyId" error={errors.sshKeyId}>
        {sshKeys.length ? (
          <Select
            id="byo-sshKeyId"
            value={values.sshKeyId}
            onChange={(e) => setValues({ ...values, sshKeyId: e.target.value })}
            options={sshKeys.map((k) => ({ value: k.id, label: k.name }))}
          />
        ) : (
          <p className="text-sm">
            <Link href="/settings" className="underline">
              Add an SSH key in Settings
            </Link>{" "}
            first.
          </p>
        )}
      </Field>
      <FormMessage variant="inline" error={formError} className="sm:col-span-2" />
      <div className="sm:col-span-2">
        <SubmitButton
          pending={pending}
          pendingLabel="Registering…"
          className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-50"
        >
          Register server
        </SubmitButton>
      </div>
    </form>
  );
}
