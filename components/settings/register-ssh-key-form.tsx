"use client";

import { ActionForm } from "@/components/ui/action-form";
import { inputCls } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { useActionForm } from "@/components/ui/use-action-form";
import { registerSshKeyAction } from "@/lib/settings/actions";

/** Registers a public key the user already has, so new machines accept their own ssh. */
export function RegisterSshKeyForm() {
  const form = useActionForm(registerSshKeyAction);
  const { field } = form;
  return (
    <ActionForm form={form} label="Register a public key">
      <TextField label="Name of your key" id="ssh-register-name" placeholder="my laptop" {...field("name")} />
      <TextAreaField
        label="Public key"
        id="ssh-register-public"
        hint="The contents of your .pub file: one line starting with ssh-ed25519, ecdsa-sha2-… or ssh-rsa."
        rows={3}
        spellCheck={false}
        className={`${inputCls} font-mono text-xs`}
        {...field("publicKey")}
        placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… you@laptop"
      />
      <SubmitButton pending={form.pending}>Register key</SubmitButton>
    </ActionForm>
  );
}
