"use client";

import { useActionForm } from "@/components/ui/use-action-form";
import { generateSshKeyAction } from "@/lib/settings/actions";
import { NameForm } from "./name-form";
import { PublicKeyBlock } from "./public-key-block";

const FIELD = {
  label: "Name of the new key",
  id: "ssh-generate-name",
  placeholder: "deploy agent",
  hint: "An ed25519 pair. The private half stays sealed on the server for the app's own agent.",
};

/** Generates an ed25519 pair: the app keeps the sealed private half for its agent, the user gets the public one. */
export function GenerateSshKeyForm() {
  const form = useActionForm(generateSshKeyAction);
  const key = form.data;
  return (
    <div className="space-y-3">
      <NameForm
        form={form}
        label="Generate an SSH key"
        field={FIELD}
        submit="Generate key"
        pendingLabel="Generating…"
      />
      {key ? (
        <div role="status" className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p>
            Generated “{key.name}” ({key.fingerprint}). Its public key:
          </p>
          <PublicKeyBlock id={key.id} name={key.name} publicKey={key.publicKey} />
        </div>
      ) : null}
    </div>
  );
}
