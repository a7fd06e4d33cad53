import { RecordList } from "@/components/ui/record-list";
import type { ApiTokenDto } from "@/lib/settings";
import { revokeApiTokenAction } from "@/lib/settings/actions";
import { ConfirmActionButton } from "./confirm-action-button";
import { formatDate } from "./format-date";

export function ApiTokenList({ tokens }: { tokens: ApiTokenDto[] }) {
  return (
    <RecordList items={tokens} empty="No API tokens yet." label="Your API tokens" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
      {(t) => (
        <li key={t.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm" data-testid="api-token">
          <span className="font-medium">{t.name}</span>
          <span className="font-mono text-xs text-slate-700">{t.prefix}…</span>
          <span className="text-slate-600">created {formatDate(t.createdAt)}</span>
          <span className="text-slate-600">{t.lastUsedAt ? `last used ${formatDate(t.lastUsedAt)}` : "never used"}</span>
          <span className="ml-auto">
            {t.revokedAt ? (
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
            )}
          </span>
        </li>
      )}
    </RecordList>
  );
}
