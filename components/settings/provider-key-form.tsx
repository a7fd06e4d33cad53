"use client";

import { addProviderKeyAction } from "@/app/(dashboard)/settings/actions";
import { Field, inputCls } from "@/components/ui/field";
import { buttonCls, FormStatus } from "./form-status";
import { useSettingsForm } from "./use-settings-form";

/** Adds (or replaces) the key for one provider. The key is checked with the provider before it is saved. */
export function ProviderKeyForm({ providers }: { providers: { slug: string; label: string }[] }) {
  const { state, pending, formRef, onSubmit, formAction, errors } = useSettingsForm(addProviderKeyAction);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Add a provider key" className="space-y-3">
      <FormStatus error={state.error} message={state.ok ? state.message : undefined} />
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field label="Provider" htmlFor="provider-key-provider" error={errors.provider}>
          <select
            id="provider-key-provider"
            name="provider"
            className={inputCls}
            defaultValue={state.values?.provider ?? providers[0]?.slug}
            aria-invalid={!!errors.provider}
            aria-describedby={errors.provider ? "provider-key-provider-error" : undefined}
          >
            {providers.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="API key" htmlFor="provider-key-apikey" error={errors.apiKey} hint="Checked with the provider before it is saved; afterwards only its last four characters are shown.">
          <input
            id="provider-key-apikey"
            name="apiKey"
            type="password"
            autoComplete="off"
            spellCheck={false}
            className={inputCls}
            aria-invalid={!!errors.apiKey}
            aria-describedby={errors.apiKey ? "provider-key-apikey-error" : undefined}
          />
        </Field>
      </div>
      <button type="submit" disabled={pending} className={buttonCls}>
        {pending ? "Checking with the provider…" : "Check and save key"}
      </button>
    </form>
  );
}
