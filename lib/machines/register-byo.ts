import "server-only";
import type { Db } from "@/db";
import { insertMachine, machineSshPublicKey } from "@/db/queries/machines";
import { DomainError, fieldErrors } from "@/lib/errors";
import { usdToMicros } from "@/lib/money";
import { byoSchema } from "./schemas";
import { transition } from "./transition";

/**
 * Registers a server the user already has (a HOSTKEY bare-metal box ordered by hand, any GPU box):
 * the same machine page, without provisioning. Its optional hourly price feeds the spending figures.
 */
export async function registerByoMachine(db: Db, userId: string, input: unknown): Promise<{ id: string }> {
  const parsed = byoSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "Some fields need attention.", fieldErrors(parsed.error));
  const d = parsed.data;
  if (!(await machineSshPublicKey(db, { userId, sshKeyId: d.sshKeyId })))
    throw new DomainError("invalid", "Choose one of your SSH keys.", { sshKeyId: "Choose one of your SSH keys." });
  const now = new Date();
  const { row } = await insertMachine(db, {
    id: crypto.randomUUID(),
    userId,
    name: d.name,
    provider: d.provider || "byo",
    origin: "byo",
    gpuModel: d.gpuModel || "GPU",
    gpuCount: d.gpuCount,
    sshKeyId: d.sshKeyId,
    status: "requested",
    sshHost: d.host,
    sshPort: d.port,
    sshUser: d.user,
    pricePerHourMicros: usdToMicros(d.pricePerHour),
    billingGranularity: "hour",
    canStop: false,
    kind: "bare-metal",
    checkpointCapable: false,
    requestKey: crypto.randomUUID(),
  });
  await transition(
    db,
    row,
    { status: "running", readyAt: now },
    [{ step: "register", outcome: "done", message: `Registered ${d.user}@${d.host}:${d.port}` }],
    now,
  );
  return { id: row.id };
}
