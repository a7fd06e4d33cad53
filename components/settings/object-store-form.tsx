"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Field, inputCls } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { useSubmitAction } from "@/components/ui/use-submit-action";
import type { ObjectStoreDto } from "@/lib/hibernate";
import { formatUsd } from "@/lib/money";
import { removeObjectStoreAction, saveObjectStoreAction } from "@/lib/hibernate/storage-actions";

const FIELDS = [
  {
    name: "endpoint",
    label: "Endpoint URL",
    hint: "https://s3.us-east-1.amazonaws.com, your MinIO (http://host:9000), R2, B2…",
    type: "text",
  },
  { name: "region", label: "Region", hint: "us-east-1 when the service has none.", type: "text" },
  { name: "bucket", label: "Bucket", hint: "It must exist; images go under hibernations/.", type: "text" },
  { name: "accessKeyId", label: "Access key id", hint: "", type: "text" },
  {
    name: "secretAccessKey",
    label: "Secret access key",
    hint: "Checked with one call, then stored encrypted; never shown again.",
    type: "password",
  },
  {
    name: "pricePerGbMonth",
    label: "Price per GB-month (USD)",
    hint: "What your provider charges, to say what an image costs to keep (S3 Standard: 0.023).",
    type: "text",
  },
] as const;

/** The bucket hibernation images go to: shown (never its secret), replaced, or removed. */
export function ObjectStoreForm({
  current,
  sandboxLabel,
}: {
  current: ObjectStoreDto | null;
  sandboxLabel: string | null;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>({ region: "us-east-1", pricePerGbMonth: "0.023" });
  const { errors, error, pending, start, onSubmit } = useSubmitAction();
  return (
    <div className="space-y-4">
      {current ? (
        <div
          className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 bg-white p-3 text-sm"
          data-testid="object-store"
        >
          <span>
            s3://{current.bucket} at {current.endpoint} ({current.region}), key ••••{current.accessKeyIdLast4},{" "}
            {formatUsd(current.pricePerGbMonthMicros, { maxDigits: 4 })}/GB-month
          </span>
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await removeObjectStoreAction();
                if (!r.ok) return void toast.error(r.error);
                toast.success("Object storage removed");
                router.refresh();
              })
            }
            className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
          >
            Remove
          </button>
        </div>
      ) : sandboxLabel ? (
        <p
          className="rounded-md border border-sky-300 bg-sky-50 p-2 text-sm text-sky-900"
          data-testid="sandbox-storage"
        >
          Sandbox: until you add your own, images go to the {sandboxLabel}.
        </p>
      ) : (
        <p className="text-sm text-slate-700">No bucket yet: machines cannot hibernate until you add one.</p>
      )}
      <form
        noValidate
        aria-label="Object storage"
        className="space-y-3"
        onSubmit={onSubmit(
          () => saveObjectStoreAction(values),
          () => {
            setValues((v) => ({ ...v, secretAccessKey: "" }));
            toast.success("Bucket checked and saved");
            router.refresh();
          },
        )}
      >
        <FormMessage error={error} />
        <div className="grid gap-3 sm:grid-cols-2">
          {FIELDS.map((f) => (
            <Field
              key={f.name}
              label={f.label}
              htmlFor={`store-${f.name}`}
              error={errors[f.name]}
              hint={f.hint || undefined}
            >
              <input
                id={`store-${f.name}`}
                name={f.name}
                type={f.type}
                autoComplete="off"
                spellCheck={false}
                className={inputCls}
                value={values[f.name] ?? ""}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                aria-invalid={!!errors[f.name]}
              />
            </Field>
          ))}
        </div>
        <SubmitButton pending={pending} pendingLabel="Checking the bucket…">
          {current ? "Check and replace" : "Check and save bucket"}
        </SubmitButton>
      </form>
    </div>
  );
}
