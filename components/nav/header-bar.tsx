import Link from "next/link";
import { SITE } from "@/lib/config/site";

interface Props {
  /** The nav's accessible name ("Main", "Dashboard"). */
  navLabel: string;
  links: readonly { href: string; label: string }[];
  /** What sits at the right end: sign-in, or the signed-in user's controls. */
  children: React.ReactNode;
}

/** The bar at the top of every page: the site's name, one nav, and the account end. */
export function HeaderBar({ navLabel, links, children }: Props) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900">
          {SITE.name}
        </Link>
        <nav aria-label={navLabel} className="flex flex-wrap gap-4 text-sm">
          {links.map((n) => (
            <Link key={n.href} href={n.href} className="text-slate-700 hover:text-slate-950 hover:underline">
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">{children}</div>
      </div>
    </header>
  );
}
