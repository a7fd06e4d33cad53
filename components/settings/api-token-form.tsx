"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { useActionForm } from "@/components/ui/use-action-form";
import { createApiTokenAction } from "@/lib/settings/actions";
import { NameForm } from "./name-form";

const FIELD = {
  label: "Token name",
  id: "api-token-name",
  placeholder: "CI deploys",
  hint: "Name it after what will use it, to know what breaks when you revoke it.",
};

/** Creates a personal API token and shows it this once: only its hash is kept. */
export function ApiTokenForm() {
  const form = useActionForm(createApiTokenAction);
  const token = form.data;
  return (
    <div className="space-y-3">
      {token ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
          data-testid="new-api-token"
        >
          <p className="font-medium">Your new token “{token.name}”. Copy it now. You will not see it again.</p>
          <code className="block break-all rounded border border-amber-200 bg-white p-2 font-mono text-xs">
            {token.plaintext}
          </code>
          <CopyButton text={token.plaintext} label="Copy token" />
          <p className="text-slate-700">
            Send it as <code>Authorization: Bearer …</code>.
          </p>
        </div>
      ) : null}
      <NameForm form={form} label="Create an API token" field={FIELD} submit="Create token" pendingLabel="Creating…" />
    </div>
  );
}
