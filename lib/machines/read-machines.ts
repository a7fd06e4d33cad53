import "server-only";
import type { Db } from "@/db";
import { getMachine, listEvents, listIntervals, listMachines } from "@/db/queries/machines";
import type { Granularity } from "@/lib/billing/cost";
import { DomainError } from "@/lib/errors";
import { toMachineDto, type MachineDto } from "./machine-dto";

const asLedger = (rows: Awaited<ReturnType<typeof listIntervals>>) => rows.map((r) => ({ ...r, granularity: r.granularity as Granularity }));

/** The user's machines (destroyed ones left out unless asked), with cost so far and rate now. */
export async function listMachineDtos(db: Db, userId: string, opts: { includeDestroyed?: boolean } = {}): Promise<MachineDto[]> {
  const rows = await listMachines(db, userId, opts);
  const intervals = asLedger(await listIntervals(db, userId, rows.map((r) => r.id)));
  const now = new Date();
  return rows.map((m) => toMachineDto(m, intervals.filter((i) => i.machineId === m.id), now));
}

export interface MachineEventDto {
  id: string;
  step: string;
  outcome: string;
  message: string | null;
  at: string;
}

export async function getMachineDetail(db: Db, userId: string, id: string): Promise<{ machine: MachineDto; events: MachineEventDto[] }> {
  const m = await getMachine(db, userId, id);
  if (!m) throw new DomainError("not_found", "No such machine.");
  const [intervals, events] = await Promise.all([listIntervals(db, userId, [id]), listEvents(db, userId, id)]);
  return {
    machine: toMachineDto(m, asLedger(intervals), new Date()),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
