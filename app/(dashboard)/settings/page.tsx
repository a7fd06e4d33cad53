import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Settings</h1>
      <p className="text-slate-700">Signed in as {user.email}.</p>
      <EmptyState title="Provider keys and SSH keys">
        Provider API keys (checked before they are saved, sealed at rest, shown only by their last four characters), SSH keys, and
        personal API tokens for scripts will be managed here.
      </EmptyState>
    </div>
  );
}
