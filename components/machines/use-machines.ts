"use client";

import { useQuery } from "@tanstack/react-query";
import type { MachineDto, MachineEventDto } from "@/lib/machines";

const SETTLED = new Set(["running", "stopped", "destroyed", "failed"]);

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok)
    throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
  return res.json() as Promise<T>;
}

// Poll fast while something is changing, slowly when everything is settled.
export function useMachines(initial?: MachineDto[]) {
  return useQuery({
    queryKey: ["machines"],
    queryFn: () => getJson<{ machines: MachineDto[] }>("/api/v1/machines").then((r) => r.machines),
    initialData: initial,
    refetchInterval: (q) => ((q.state.data ?? []).some((m) => !SETTLED.has(m.status)) ? 1500 : 15_000),
  });
}

export function useMachine(id: string, initial?: { machine: MachineDto; events: MachineEventDto[] }) {
  return useQuery({
    queryKey: ["machine", id],
    queryFn: () =>
      getJson<{ machine: MachineDto; events: MachineEventDto[] }>(`/api/v1/machines/${encodeURIComponent(id)}`),
    initialData: initial,
    refetchInterval: (q) =>
      q.state.data && SETTLED.has(q.state.data.machine.status) && !q.state.data.machine.cleanupAlert ? 10_000 : 1000,
  });
}
