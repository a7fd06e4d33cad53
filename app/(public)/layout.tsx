import { SiteHeader } from "@/components/nav/site-header";
import { BRIEF } from "@/lib/catalog/data";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 pb-10 text-xs text-slate-600">
        Prices from the {BRIEF.label}, unless a source says otherwise. Checkpoint support means NVIDIA cuda-checkpoint
        can run: root or a privileged container with CAP_SYS_PTRACE.
      </footer>
    </>
  );
}
