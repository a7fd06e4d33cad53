"use client";

import { useQuery } from "@tanstack/react-query";
import type { HibernationDto } from "@/lib/hibernate";

const ACTIVE = new Set(["requested", "checkpointing", "packing", "uploading", "verifying", "destroying"]);
const RESUMING = new Set(["requested", "deploying", "probing", "downloading", "restoring"]);

export const hibernationActive = (h: HibernationDto | null | undefined) =>
  !!h && (ACTIVE.has(h.status) || (!!h.resume.status && RESUMING.has(h.resume.status)));

/** The machine's hibernation, polled every second while a phase runs and slowly otherwise. */
export function useHibernation(machineId: string) {
  return useQuery({
    queryKey: ["hibernation", machineId],
    queryFn: async () => {
      const r = await fetch(`/api/v1/machines/${encodeURIComponent(machineId)}/hibernate`, {
        headers: { accept: "application/json" },
      });
      if (!r.ok)
        throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${r.status}`);
      return (await r.json()) as { hibernation: HibernationDto | null; resumedFrom: HibernationDto | null };
    },
    refetchInterval: (q) => (hibernationActive(q.state.data?.hibernation) ? 1000 : 10_000),
  });
}
