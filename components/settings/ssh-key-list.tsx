import { RecordLine, RecordList } from "@/components/ui/record-list";
import { deleteSshKeyAction } from "@/lib/settings/actions";
import type { SshKeyDto } from "@/lib/settings";
import { ConfirmActionButton } from "./confirm-action-button";
import { formatDate } from "./format-date";
import { PublicKeyBlock } from "./public-key-block";

export function SshKeyList({ keys }: { keys: SshKeyDto[] }) {
  return (
    <RecordList items={keys} empty="No SSH keys yet." label="Your SSH keys" className="space-y-3">
      {(k) => (
        <li
          key={k.id}
          className="space-y-2 rounded-md border border-slate-200 bg-white p-4 text-sm"
          data-testid="ssh-key"
        >
          <RecordLine
            as="div"
            end={
              <ConfirmActionButton
                action={deleteSshKeyAction}
                id={k.id}
                label="Delete"
                accessibleLabel={`Delete the SSH key ${k.name}`}
                title={`Delete the SSH key “${k.name}”?`}
                description={
                  k.kind === "generated"
                    ? "Its private half is destroyed: the app can no longer log in to machines that only trust this key. Machines keep the public key they were given."
                    : "New machines will no longer get this key. Machines that already have it keep it."
                }
                confirmLabel="Delete key"
              />
            }
          >
            <span className="font-medium">{k.name}</span>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs">
              {k.kind === "generated" ? "generated (the app's agent can use it)" : "your key"}
            </span>
            <span className="font-mono text-xs text-slate-700">{k.fingerprint}</span>
            <span className="text-slate-600">added {formatDate(k.createdAt)}</span>
            {k.kind === "generated" && !k.privateKeyReadable ? (
              <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
                private half unreadable: delete it and generate a new one
              </span>
            ) : null}
          </RecordLine>
          <PublicKeyBlock id={k.id} name={k.name} publicKey={k.publicKey} />
        </li>
      )}
    </RecordList>
  );
}
