import "server-only";
import type { Db } from "@/db";
import { hibernatedMachineIds, hibernationsOfMachines } from "@/db/queries/hibernations";
import { getMachine, listEvents, listIntervals, listMachines, listMachinesByIds } from "@/db/queries/machines";
import { DomainError } from "@/lib/errors";
import { toMachineDto, type MachineDetailDto, type MachineDto } from "./machine-dto";

/** The user's machines (destroyed ones left out unless asked), with cost so far and rate now. */
export async function listMachineDtos(
  db: Db,
  userId: string,
  opts: { includeDestroyed?: boolean } = {},
): Promise<MachineDto[]> {
  const rows = await listMachines(db, userId, opts);
  // A hibernated machine is destroyed, but its image waits to be resumed: it stays on the list.
  if (!opts.includeDestroyed) {
    const shown = new Set(rows.map((r) => r.id));
    const extra = (await hibernatedMachineIds(db, userId)).filter((id) => !shown.has(id));
    if (extra.length) rows.push(...(await listMachinesByIds(db, userId, extra)));
  }
  const ids = rows.map((r) => r.id);
  const [intervals, hib] = await Promise.all([listIntervals(db, userId, ids), hibernationsOfMachines(db, userId, ids)]);
  const now = new Date();
  return rows.map((m) =>
    toMachineDto(
      m,
      intervals.filter((i) => i.machineId === m.id),
      now,
      hib.get(m.id) ?? null,
    ),
  );
}

export async function getMachineDetail(db: Db, userId: string, id: string): Promise<MachineDetailDto> {
  const m = await getMachine(db, userId, id);
  if (!m) throw new DomainError("not_found", "No such machine.");
  const [intervals, events, hib] = await Promise.all([
    listIntervals(db, userId, [id]),
    listEvents(db, userId, id),
    hibernationsOfMachines(db, userId, [id]),
  ]);
  return {
    machine: toMachineDto(m, intervals, new Date(), hib.get(id) ?? null),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
