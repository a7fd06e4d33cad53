import Link from "next/link";
import { PUBLIC_NAV, SITE } from "@/lib/config/site";

// Static on purpose: public pages are prerendered, so the header never reads the session.
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">
          {SITE.name}
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-4 text-sm">
          {PUBLIC_NAV.map((n) => (
            <Link key={n.href} href={n.href} className="text-slate-700 hover:text-slate-950 hover:underline">
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex gap-3 text-sm">
          <Link href="/machines" className="text-slate-700 hover:underline">
            Dashboard
          </Link>
          <Link href="/sign-in" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
            Sign in
          </Link>
        </div>
      </div>
    </header>
  );
}
