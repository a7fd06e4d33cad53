import { AlertsBadge } from "@/components/spending/alerts-badge";
import { DASHBOARD_NAV } from "@/lib/config/site";
import { HeaderBar } from "./header-bar";
import { SignOutButton } from "./sign-out-button";

// Compare is public, so it is not in DASHBOARD_NAV (the list of paths that need a signed-in user).
const LINKS = [...DASHBOARD_NAV, { href: "/compare", label: "Compare" }];

/** The signed-in pages' header: their nav, the unread alerts, who is signed in, and sign-out. */
export function DashboardHeader({ user }: { user: { id: string; email: string | null } }) {
  return (
    <HeaderBar navLabel="Dashboard" links={LINKS}>
      <AlertsBadge userId={user.id} />
      <span className="text-slate-700" data-testid="signed-in-as">
        {user.email}
      </span>
      <SignOutButton />
    </HeaderBar>
  );
}
