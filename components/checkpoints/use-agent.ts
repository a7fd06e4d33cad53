"use client";

import { useQuery } from "@tanstack/react-query";
import type { OperationsDto, ProbeDto, ProcessesDto, SetupDto } from "@/lib/checkpoints";

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok)
    throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return res.json() as Promise<T>;
}

const base = (id: string) => `/api/v1/machines/${encodeURIComponent(id)}`;
export const agentKeys = {
  probe: (id: string) => ["agent", id, "probe"] as const,
  processes: (id: string) => ["agent", id, "processes"] as const,
  operations: (id: string) => ["agent", id, "operations"] as const,
  setup: (id: string) => ["agent", id, "setup"] as const,
};

// The page polls the database through these routes; a job polls the machine (while the processes
// route is being read, the machine counts as watched and is refreshed every 2 s).

export function useProbe(id: string) {
  return useQuery({
    queryKey: agentKeys.probe(id),
    queryFn: () => getJson<ProbeDto>(`${base(id)}/probe`),
    refetchInterval: (q) => (q.state.data?.probing ? 1000 : 15_000),
  });
}

export function useProcesses(id: string) {
  return useQuery({
    queryKey: agentKeys.processes(id),
    queryFn: () => getJson<ProcessesDto>(`${base(id)}/processes`),
    refetchInterval: 2000,
  });
}

export function useOperations(id: string) {
  return useQuery({
    queryKey: agentKeys.operations(id),
    queryFn: () => getJson<OperationsDto>(`${base(id)}/checkpoints`),
    refetchInterval: (q) =>
      (q.state.data?.operations ?? []).some((o) => o.status === "queued" || o.status === "running") ? 1000 : 5000,
  });
}

export function useSetup(id: string) {
  return useQuery({
    queryKey: agentKeys.setup(id),
    queryFn: () => getJson<SetupDto>(`${base(id)}/setup`),
    refetchInterval: (q) =>
      q.state.data?.run && ["queued", "running"].includes(q.state.data.run.status) ? 1000 : false,
  });
}

export function formatBytes(n: number | null): string {
  if (n == null) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export const formatWhen = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
