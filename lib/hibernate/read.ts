import "server-only";
import type { Db } from "@/db";
import { getHibernation, hibernationForMachine, type HibernationRow } from "@/db/queries/hibernations";
import { getMachine, getMachineById } from "@/db/queries/machines";
import { DomainError } from "@/lib/errors";
import type { HibernationDto, MachineHibernationDto } from "./hibernation-dto";
import { storageMicrosPerMonth } from "./storage";

export async function toHibernationDto(db: Db, h: HibernationRow): Promise<HibernationDto> {
  const [src, dst] = await Promise.all([
    getMachineById(db, h.machineId),
    h.resumeMachineId ? getMachineById(db, h.resumeMachineId) : null,
  ]);
  return {
    id: h.id,
    machineId: h.machineId,
    machineName: src?.name ?? null,
    status: h.status,
    requestedBy: h.requestedBy,
    gpuModel: h.gpuModel,
    gpuCount: h.gpuCount,
    driverVersion: h.driverVersion,
    processes: h.processes,
    imageBytes: h.imageBytes,
    rawBytes: h.rawBytes,
    sha256: h.sha256,
    location: h.storeBucket && h.objectKey ? `s3://${h.storeBucket}/${h.objectKey}` : null,
    endpoint: h.storeEndpoint,
    storageMicrosPerMonth:
      h.imageBytes != null && h.storagePricePerGbMonthMicros != null
        ? storageMicrosPerMonth(h.imageBytes, h.storagePricePerGbMonthMicros)
        : null,
    progress: h.progress ?? null,
    steps: h.steps,
    error: h.error,
    hibernatedAt: h.hibernatedAt?.toISOString() ?? null,
    hibernateMs: h.hibernateMs,
    resume: {
      status: h.resumeStatus,
      machineId: h.resumeMachineId,
      machineName: dst?.name ?? null,
      error: h.resumeError,
      resumedAt: h.resumedAt?.toISOString() ?? null,
      resumeMs: h.resumeMs,
    },
  };
}

/** A machine's hibernation as the machine page shows it. */
export async function getMachineHibernation(db: Db, userId: string, machineId: string): Promise<MachineHibernationDto> {
  if (!(await getMachine(db, userId, machineId))) throw new DomainError("not_found", "No such machine.");
  const { source, resumedFrom } = await hibernationForMachine(db, userId, machineId);
  return {
    hibernation: source ? await toHibernationDto(db, source) : null,
    resumedFrom: resumedFrom ? await toHibernationDto(db, resumedFrom) : null,
  };
}

export async function getHibernationView(db: Db, userId: string, id: string): Promise<HibernationDto> {
  const h = await getHibernation(db, userId, id);
  if (!h) throw new DomainError("not_found", "No such hibernated machine.");
  return toHibernationDto(db, h);
}
