import Link from "next/link";
import { PUBLIC_NAV } from "@/lib/config/site";
import { HeaderBar } from "./header-bar";

// Static on purpose: public pages are prerendered, so the header never reads the session.
export function SiteHeader() {
  return (
    <HeaderBar navLabel="Main" links={PUBLIC_NAV}>
      <Link href="/machines" className="text-slate-700 hover:underline">
        Dashboard
      </Link>
      <Link href="/sign-in" className="rounded-md bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
        Sign in
      </Link>
    </HeaderBar>
  );
}
