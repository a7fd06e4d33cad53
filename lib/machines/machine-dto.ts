import { HIBERNATE_ACTIVE } from "@/db/queries/hibernations";
import type { MachineRow } from "@/db/queries/machines";
import { getProvider } from "@/lib/catalog/data";
import { PROVIDER_INFO, isProviderSlug } from "@/lib/providers";
import type { PricedPart } from "@/lib/providers/shared/price-parts";
import { costSoFar, rateNow, type CostedInterval } from "@/lib/spending/costing";

/** What a browser or a script sees of a machine: no secrets, no internal lease fields. */
export interface MachineDto {
  id: string;
  name: string;
  provider: string;
  providerLabel: string;
  origin: string;
  gpuModel: string;
  gpuCount: number;
  region: string | null;
  status: string;
  statusDetail: string | null;
  providerStatus: string | null;
  providerInstanceId: string | null;
  pricePerHourMicros: number;
  stoppedPricePerHourMicros: number | null;
  /** What the price is made of, as quoted when ordered; empty for machines ordered before parts were kept. */
  priceParts: PricedPart[];
  /** The brief's words on what a stopped machine still bills at this provider. */
  stoppedBillingNote: string | null;
  canStop: boolean;
  kind: string;
  checkpointCapable: boolean;
  sandbox: boolean;
  ssh: { host: string; port: number; user: string; command: string } | null;
  failureReason: string | null;
  cleanupAlert: string | null;
  createdAt: string;
  readyAt: string | null;
  destroyedAt: string | null;
  uptimeMs: number;
  costSoFarMicros: number;
  rateNowMicros: number;
  /** The machine's latest hibernation: while it runs, and after (the machine is then destroyed, its image stored). */
  hibernation: { id: string; status: string; resumeStatus: string | null } | null;
  /** What the page calls the machine's state: its status, or "hibernated" once destroyed into a stored image. */
  displayStatus: string;
}

export function toMachineDto(m: MachineRow, intervals: CostedInterval[], now: Date, hibernation: { id: string; status: string; resumeStatus: string | null } | null = null): MachineDto {
  const label = isProviderSlug(m.provider) ? PROVIDER_INFO[m.provider].label : m.provider === "byo" ? "Your own server" : m.provider;
  const ssh =
    m.sshHost && m.sshPort && m.sshUser
      ? { host: m.sshHost, port: m.sshPort, user: m.sshUser, command: `ssh ${m.sshPort === 22 ? "" : `-p ${m.sshPort} `}${m.sshUser}@${m.sshHost}` }
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
      m.status === "destroyed" && hibernation?.status === "hibernated" ? (hibernation.resumeStatus === "resumed" ? "resumed elsewhere" : "hibernated") : hibernation && (HIBERNATE_ACTIVE as readonly string[]).includes(hibernation.status) && m.status !== "destroyed" ? "hibernating" : m.status,
  };
}
