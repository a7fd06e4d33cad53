import { RecordLine, RecordList } from "@/components/ui/record-list";
import type { ApiTokenDto } from "@/lib/settings";
import { revokeApiTokenAction } from "@/lib/settings/actions";
import { ConfirmActionButton } from "./confirm-action-button";
import { formatDate } from "./format-date";

export function ApiTokenList({ tokens }: { tokens: ApiTokenDto[] }) {
  return (
    <RecordList items={tokens} empty="No API tokens yet." label="Your API tokens">
      {(t) => (
        <RecordLine
          key={t.id}
          testId="api-token"
          end={
            t.revokedAt ? (
              <span className="rounded bg-slate-100 px-2 py-0.5 text-slate-700">revoked {formatDate(t.revokedAt)}</span>
            ) : (
              <ConfirmActionButton
                action={revokeApiTokenAction}
                id={t.id}
                label="Revoke"
                accessibleLabel={`Revoke the token ${t.name}`}
                title={`Revoke the token “${t.name}”?`}
                description="Anything that uses it stops working at once. This cannot be undone; you can create a new token."
                confirmLabel="Revoke token"
              />
            )
          }
        >
          <span className="font-medium">{t.name}</span>
          <span className="font-mono text-xs text-slate-700">{t.prefix}…</span>
          <span className="text-slate-600">created {formatDate(t.createdAt)}</span>
          <span className="text-slate-600">
            {t.lastUsedAt ? `last used ${formatDate(t.lastUsedAt)}` : "never used"}
          </span>
        </RecordLine>
      )}
    </RecordList>
  );
}
