import { z } from "zod";
import type { MachineRow } from "@/db/queries/machines";
import { HIBERNATE_ACTIVE, MACHINE_STATUSES } from "@/db/schema";
import { getProvider } from "@/lib/catalog/data";
import { PROVIDER_INFO, isProviderSlug } from "@/lib/providers";
import { costSoFar, rateNow, type CostedInterval } from "@/lib/costing";

const isoDateTime = z.iso.datetime();
const hibernationRefSchema = z.object({ id: z.string(), status: z.string(), resumeStatus: z.string().nullable() });

/** What a browser or a script sees of a machine: no secrets, no internal lease fields. */
export const machineDtoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    provider: z.string(),
    providerLabel: z.string(),
    origin: z.string(),
    gpuModel: z.string(),
    gpuCount: z.int(),
    region: z.string().nullable(),
    status: z.enum(MACHINE_STATUSES),
    statusDetail: z.string().nullable(),
    providerStatus: z.string().nullable(),
    providerInstanceId: z.string().nullable(),
    pricePerHourMicros: z.int(),
    stoppedPricePerHourMicros: z.int().nullable(),
    priceParts: z
      .array(z.object({ label: z.string(), pricePerHourMicros: z.int(), whileStopped: z.boolean() }))
      .describe(
        "Every billed part as quoted at order time (GPU, vCPU, RAM, disk…); they add up to pricePerHourMicros. Empty for machines ordered before parts were kept",
      ),
    stoppedBillingNote: z.string().nullable().describe("What a stopped machine still bills at this provider"),
    canStop: z.boolean(),
    kind: z.string(),
    checkpointCapable: z.boolean(),
    sandbox: z.boolean(),
    ssh: z.object({ host: z.string(), port: z.int(), user: z.string(), command: z.string() }).nullable(),
    failureReason: z.string().nullable(),
    cleanupAlert: z.string().nullable(),
    createdAt: isoDateTime,
    readyAt: isoDateTime.nullable(),
    destroyedAt: isoDateTime.nullable(),
    uptimeMs: z.int(),
    costSoFarMicros: z.int(),
    rateNowMicros: z.int(),
    hibernation: hibernationRefSchema
      .nullable()
      .describe(
        "The machine's latest hibernation: while it runs, and after (the machine is then destroyed, its image stored)",
      ),
    displayStatus: z
      .string()
      .describe(
        "What the page calls the machine's state: its status, or “hibernated” once destroyed into a stored image",
      ),
  })
  .meta({ id: "Machine" });
export type MachineDto = z.infer<typeof machineDtoSchema>;

export const machineEventDtoSchema = z.object({
  id: z.string(),
  step: z.string(),
  outcome: z.string(),
  message: z.string().nullable(),
  at: isoDateTime,
});
export type MachineEventDto = z.infer<typeof machineEventDtoSchema>;

/** A machine with the steps it went through. */
export const machineDetailDtoSchema = z
  .object({ machine: machineDtoSchema, events: z.array(machineEventDtoSchema) })
  .meta({ id: "MachineDetail" });
export type MachineDetailDto = z.infer<typeof machineDetailDtoSchema>;

export function toMachineDto(
  m: MachineRow,
  intervals: CostedInterval[],
  now: Date,
  hibernation: z.infer<typeof hibernationRefSchema> | null = null,
): MachineDto {
  const label = isProviderSlug(m.provider)
    ? PROVIDER_INFO[m.provider].label
    : m.provider === "byo"
      ? "Your own server"
      : m.provider;
  const ssh =
    m.sshHost && m.sshPort && m.sshUser
      ? {
          host: m.sshHost,
          port: m.sshPort,
          user: m.sshUser,
          command: `ssh ${m.sshPort === 22 ? "" : `-p ${m.sshPort} `}${m.sshUser}@${m.sshHost}`,
        }
      : null;
  const end = m.destroyedAt ?? now;
  return {
    id: m.id,
    name: m.name,
    provider: m.provider,
    providerLabel: label,
    origin: m.origin,
    gpuModel: m.gpuModel,
    gpuCount: m.gpuCount,
    region: m.region,
    status: m.status,
    statusDetail: m.statusDetail,
    providerStatus: m.providerStatus,
    providerInstanceId: m.providerInstanceId,
    pricePerHourMicros: m.pricePerHourMicros,
    stoppedPricePerHourMicros: m.stoppedPricePerHourMicros,
    priceParts: m.priceParts ?? [],
    stoppedBillingNote: getProvider(m.provider)?.paused.summary ?? null,
    canStop: m.canStop,
    kind: m.kind,
    checkpointCapable: m.checkpointCapable,
    sandbox: m.sandbox,
    ssh,
    failureReason: m.failureReason,
    cleanupAlert: m.cleanupAlert,
    createdAt: m.createdAt.toISOString(),
    readyAt: m.readyAt?.toISOString() ?? null,
    destroyedAt: m.destroyedAt?.toISOString() ?? null,
    uptimeMs: m.readyAt ? Math.max(0, end.getTime() - m.readyAt.getTime()) : 0,
    costSoFarMicros: costSoFar(intervals, now),
    rateNowMicros: rateNow(intervals),
    hibernation,
    displayStatus:
      m.status === "destroyed" && hibernation?.status === "hibernated"
        ? hibernation.resumeStatus === "resumed"
          ? "resumed elsewhere"
          : "hibernated"
        : hibernation &&
            (HIBERNATE_ACTIVE as readonly string[]).includes(hibernation.status) &&
            m.status !== "destroyed"
          ? "hibernating"
          : m.status,
  };
}
