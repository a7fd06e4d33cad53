"use client";

import { createApiTokenAction } from "@/app/(dashboard)/settings/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputCls } from "@/components/ui/field";
import { buttonCls, FormStatus } from "./form-status";
import { useSettingsForm } from "./use-settings-form";

/** Creates a personal API token and shows it this once: only its hash is kept. */
export function ApiTokenForm() {
  const { state, pending, formRef, onSubmit, formAction, errors } = useSettingsForm(createApiTokenAction);
  return (
    <div className="space-y-3">
      {state.ok && state.token ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-api-token">
          <p className="font-medium">
            Your new token “{state.token.name}”. Copy it now. You will not see it again.
          </p>
          <code className="block break-all rounded border border-amber-200 bg-white p-2 font-mono text-xs">{state.token.plaintext}</code>
          <CopyButton text={state.token.plaintext} label="Copy token" />
          <p className="text-slate-700">
            Send it as <code>Authorization: Bearer …</code>.
          </p>
        </div>
      ) : null}
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Create an API token" className="space-y-3">
        <FormStatus error={state.error} />
        <Field label="Token name" htmlFor="api-token-name" error={errors.name} hint="Name it after what will use it, to know what breaks when you revoke it.">
          <input
            id="api-token-name"
            name="name"
            className={inputCls}
            defaultValue={state.values?.name}
            placeholder="CI deploys"
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? "api-token-name-error" : undefined}
          />
        </Field>
        <button type="submit" disabled={pending} className={buttonCls}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </div>
  );
}
