import { RecordLine, RecordList } from "@/components/ui/record-list";
import type { ProviderKeyDto } from "@/lib/settings";
import { deleteProviderKeyAction } from "@/lib/settings/actions";
import { ConfirmActionButton } from "./confirm-action-button";
import { formatDate } from "./format-date";

export function ProviderKeyList({ keys }: { keys: ProviderKeyDto[] }) {
  return (
    <RecordList items={keys} empty="No provider keys yet." label="Saved provider keys">
      {(k) => (
        <RecordLine
          key={k.id}
          testId={`provider-key-${k.provider}`}
          end={
            <ConfirmActionButton
              action={deleteProviderKeyAction}
              id={k.id}
              label="Delete"
              accessibleLabel={`Delete the ${k.label} key`}
              title={`Delete the ${k.label} key?`}
              description={`The app will no longer be able to deploy or manage ${k.label} machines for you until you add a key again. Machines already running keep running (and billing) at ${k.label}.`}
              confirmLabel="Delete key"
            />
          }
        >
          <span className="font-medium">{k.label}</span>
          {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: "••••1234" read aloud is noise; the label says what it is. */}
          <span className="font-mono" aria-label={`key ending in ${k.last4}`}>
            ••••{k.last4}
          </span>
          <span className="text-slate-600">saved {formatDate(k.createdAt)}</span>
          {!k.readable ? (
            <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">
              unreadable: delete it and enter it again
            </span>
          ) : null}
        </RecordLine>
      )}
    </RecordList>
  );
}
