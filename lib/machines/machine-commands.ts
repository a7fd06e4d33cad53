import "server-only";
import type { Db } from "@/db";
import { getMachine, type MachineRow } from "@/db/queries/machines";
import { DomainError } from "@/lib/errors";
import { PROVIDER_INFO, isProviderSlug } from "@/lib/providers";
import { transition } from "./transition";

// Stop, start and destroy: each checks the owner and the state, writes the new state, and returns; the
// caller enqueues the job that talks to the provider. Nothing slow runs inside the request.

async function owned(db: Db, userId: string, id: string): Promise<MachineRow> {
  const m = await getMachine(db, userId, id);
  if (!m) throw new DomainError("not_found", "No such machine.");
  return m;
}

const label = (m: MachineRow) => (isProviderSlug(m.provider) ? PROVIDER_INFO[m.provider].label : m.provider);

export async function stopMachine(db: Db, userId: string, id: string): Promise<MachineRow> {
  const m = await owned(db, userId, id);
  if (!m.canStop)
    throw new DomainError(
      "conflict",
      `${label(m)} cannot stop a machine, only destroy it. It bills in full until it is destroyed.`,
    );
  if (m.origin === "byo")
    throw new DomainError("conflict", "A machine you registered yourself is stopped from its own provider's console.");
  if (m.status === "stopping" || m.status === "stopped") return m;
  if (m.status !== "running")
    throw new DomainError("conflict", `The machine is ${m.status}; it can be stopped once it is running.`);
  return transition(
    db,
    m,
    { status: "stopping", statusDetail: null, failureReason: null },
    [{ step: "stop", outcome: "started", message: "Stop requested" }],
    new Date(),
  );
}

export async function startMachine(db: Db, userId: string, id: string): Promise<MachineRow> {
  const m = await owned(db, userId, id);
  if (m.status === "starting" || m.status === "running") return m;
  if (m.status !== "stopped")
    throw new DomainError("conflict", `The machine is ${m.status}; only a stopped machine can be started.`);
  return transition(
    db,
    m,
    { status: "starting", statusDetail: null, failureReason: null },
    [{ step: "start", outcome: "started", message: "Start requested" }],
    new Date(),
  );
}

/** Destroy asks for the machine's name, typed, so a slip of the mouse cannot erase a disk. */
export async function destroyMachine(
  db: Db,
  userId: string,
  id: string,
  confirmName: string | null,
): Promise<MachineRow> {
  const m = await owned(db, userId, id);
  if (confirmName !== null && confirmName.trim() !== m.name)
    throw new DomainError("invalid", "Type the machine's name exactly to destroy it.", {
      confirmName: `Type ${m.name} to confirm.`,
    });
  if (m.status === "destroying" || m.status === "destroyed") return m;
  if (m.status === "failed" && !m.providerInstanceId) return m;
  if (m.origin === "byo")
    return transition(
      db,
      m,
      { status: "destroyed", destroyedAt: new Date() },
      [{ step: "remove", outcome: "done", message: "Removed from DumontCloud (the server itself was not touched)" }],
      new Date(),
    );
  return transition(
    db,
    m,
    { status: "destroying", statusDetail: null },
    [{ step: "destroy", outcome: "started", message: "Destroy requested" }],
    new Date(),
  );
}
