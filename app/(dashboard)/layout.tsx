import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { QueryProvider } from "@/components/providers/query-provider";
import { AlertsBadge } from "@/components/spending/alerts-badge";
import { requireUser } from "@/lib/auth/session";
import { inSandbox } from "@/lib/providers/endpoints";
import { DASHBOARD_NAV, SITE } from "@/lib/config/site";

// Every page below needs a signed-in user. proxy.ts already redirected signed-out visits with their
// return path; this check is the real one (an expired or forged token ends here).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      {inSandbox() ? (
        <div role="status" className="bg-amber-300 px-4 py-1.5 text-center text-sm font-medium text-amber-950" data-testid="sandbox-banner">
          Sandbox: the GPU clouds here are simulated on this computer. Nothing real is ordered or billed.
        </div>
      ) : null}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold">
            {SITE.name}
          </Link>
          <nav aria-label="Dashboard" className="flex flex-wrap gap-4 text-sm">
            {DASHBOARD_NAV.map((n) => (
              <Link key={n.href} href={n.href} className="text-slate-700 hover:text-slate-950 hover:underline">
                {n.label}
              </Link>
            ))}
            <Link href="/compare" className="text-slate-700 hover:underline">
              Compare
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <AlertsBadge userId={user.id} />
            <span className="text-slate-700" data-testid="signed-in-as">
              {user.email}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </div>
  );
}
