import { DashboardHeader } from "@/components/nav/dashboard-header";
import { QueryProvider } from "@/components/providers/query-provider";
import { requireUser } from "@/lib/auth/session";
import { inSandbox } from "@/lib/providers/endpoints";

// Every page below needs a signed-in user. proxy.ts already redirected signed-out visits with their
// return path; this check is the real one (an expired or forged token ends here).
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      {inSandbox() ? (
        <div
          role="status"
          className="bg-amber-300 px-4 py-1.5 text-center text-sm font-medium text-amber-950"
          data-testid="sandbox-banner"
        >
          Sandbox: the GPU clouds here are simulated on this computer. Nothing real is ordered or billed.
        </div>
      ) : null}
      <DashboardHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <QueryProvider>{children}</QueryProvider>
      </main>
    </div>
  );
}
