"use client";

import { generateSshKeyAction } from "@/app/(dashboard)/settings/actions";
import { Field, inputCls } from "@/components/ui/field";
import { buttonCls, FormStatus } from "./form-status";
import { PublicKeyBlock } from "./public-key-block";
import { useSettingsForm } from "./use-settings-form";

/** Generates an ed25519 pair: the app keeps the sealed private half for its agent, the user gets the public one. */
export function GenerateSshKeyForm() {
  const { state, pending, formRef, onSubmit, formAction, errors } = useSettingsForm(generateSshKeyAction);
  return (
    <div className="space-y-3">
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Generate an SSH key" className="space-y-3">
        <FormStatus error={state.error} />
        <Field label="Name of the new key" htmlFor="ssh-generate-name" error={errors.name} hint="An ed25519 pair. The private half stays sealed on the server for the app's own agent.">
          <input
            id="ssh-generate-name"
            name="name"
            className={inputCls}
            defaultValue={state.values?.name}
            placeholder="deploy agent"
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? "ssh-generate-name-error" : undefined}
          />
        </Field>
        <button type="submit" disabled={pending} className={buttonCls}>
          {pending ? "Generating…" : "Generate key"}
        </button>
      </form>
      {state.ok && state.key ? (
        <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p>
            Generated “{state.key.name}” ({state.key.fingerprint}). Its public key:
          </p>
          <PublicKeyBlock id={state.key.id} name={state.key.name} publicKey={state.key.publicKey} />
        </div>
      ) : null}
    </div>
  );
}
