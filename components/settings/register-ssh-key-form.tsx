"use client";

import { registerSshKeyAction } from "@/app/(dashboard)/settings/actions";
import { Field, inputCls } from "@/components/ui/field";
import { buttonCls, FormStatus } from "./form-status";
import { useSettingsForm } from "./use-settings-form";

/** Registers a public key the user already has, so new machines accept their own ssh. */
export function RegisterSshKeyForm() {
  const { state, pending, formRef, onSubmit, formAction, errors } = useSettingsForm(registerSshKeyAction);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate aria-label="Register a public key" className="space-y-3">
      <FormStatus error={state.error} message={state.ok ? state.message : undefined} />
      <Field label="Name of your key" htmlFor="ssh-register-name" error={errors.name}>
        <input
          id="ssh-register-name"
          name="name"
          className={inputCls}
          defaultValue={state.values?.name}
          placeholder="my laptop"
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? "ssh-register-name-error" : undefined}
        />
      </Field>
      <Field label="Public key" htmlFor="ssh-register-public" error={errors.publicKey} hint="The contents of your .pub file: one line starting with ssh-ed25519, ecdsa-sha2-… or ssh-rsa.">
        <textarea
          id="ssh-register-public"
          name="publicKey"
          rows={3}
          spellCheck={false}
          className={`${inputCls} font-mono text-xs`}
          defaultValue={state.values?.publicKey}
          placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… you@laptop"
          aria-invalid={!!errors.publicKey}
          aria-describedby={errors.publicKey ? "ssh-register-public-error" : undefined}
        />
      </Field>
      <button type="submit" disabled={pending} className={buttonCls}>
        {pending ? "Please wait…" : "Register key"}
      </button>
    </form>
  );
}
