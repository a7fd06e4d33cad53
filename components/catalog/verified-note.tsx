"use client";

import { useEffect, useState } from "react";
import type { VerificationsDto } from "@/lib/checkpoints";

type Row = VerificationsDto["providers"][number];

// One request per page, shared by every note on it.
let pending: Promise<Row[]> | null = null;
const load = () =>
  (pending ??= fetch("/api/v1/verifications")
    .then((r) => (r.ok ? r.json() : { providers: [] }))
    .then((b: { providers: Row[] }) => b.providers)
    .catch(() => []));

/** "Verified on N machines, last on DATE": the agent's own probes, beside the brief's evidence. */
export function VerifiedNote({ provider }: { provider: string }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, []);
  const mine = rows?.filter((r) => r.provider === provider && r.machines > 0) ?? [];
  if (mine.length === 0) return null;
  return (
    <span className="block text-xs text-emerald-900" data-testid={`verified-${provider}`}>
      {mine
        .map(
          (r) =>
            `Verified ready on ${r.machines} ${r.simulated ? "simulated " : ""}machine${r.machines === 1 ? "" : "s"}, last on ${r.lastAt?.slice(0, 10)}`,
        )
        .join("; ")}
    </span>
  );
}
