import { RecordList } from "@/components/ui/record-list";
import type { ProviderKeyDto } from "@/lib/settings";
import { deleteProviderKeyAction } from "@/lib/settings/actions";
import { ConfirmActionButton } from "./confirm-action-button";
import { formatDate } from "./format-date";

export function ProviderKeyList({ keys }: { keys: ProviderKeyDto[] }) {
  return (
    <RecordList items={keys} empty="No provider keys yet." label="Saved provider keys" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
      {(k) => (
        <li key={k.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid={`provider-key-${k.provider}`}>
          <span className="font-medium">{k.label}</span>
          {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: "••••1234" read aloud is noise; the label says what it is. */}
          <span className="font-mono" aria-label={`key ending in ${k.last4}`}>
            ••••{k.last4}
          </span>
          <span className="text-slate-600">saved {formatDate(k.createdAt)}</span>
          {!k.readable ? <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">unreadable: delete it and enter it again</span> : null}
          <span className="ml-auto">
            <ConfirmActionButton
              action={deleteProviderKeyAction}
              id={k.id}
              label="Delete"
              accessibleLabel={`Delete the ${k.label} key`}
              title={`Delete the ${k.label} key?`}
              description={`The app will no longer be able to deploy or manage ${k.label} machines for you until you add a key again. Machines already running keep running (and billing) at ${k.label}.`}
              confirmLabel="Delete key"
            />
          </span>
        </li>
      )}
    </RecordList>
  );
}
