"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { addProviderKeyAction } from "@/lib/settings/actions";

/** Adds (or replaces) the key for one provider. The key is checked with the provider before it is saved. */
export function ProviderKeyForm({ providers }: { providers: { slug: string; label: string }[] }) {
  const form = useActionForm(addProviderKeyAction);
  const options = providers.map((p) => ({ value: p.slug, label: p.label }));
  return (
    <ActionForm form={form} label="Add a provider key">
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <SelectField
          label="Provider"
          id="provider-key-provider"
          options={options}
          {...form.field("provider", providers[0]?.slug)}
        />
        <TextField
          label="API key"
          id="provider-key-apikey"
          name="apiKey"
          type="password"
          autoComplete="off"
          spellCheck={false}
          error={form.errors.apiKey}
          hint="Checked with the provider before it is saved; afterwards only its last four characters are shown."
        />
      </div>
      <SubmitButton pending={form.pending} pendingLabel="Checking with the provider…">
        Check and save key
      </SubmitButton>
    </ActionForm>
  );
}
