import "server-only";
import type { Db } from "@/db";
import { deployMachine } from "./deploy-machine";
import { destroyMachine, startMachine, stopMachine } from "./machine-commands";
import { enqueueMachineStep } from "./queue";

// What the Machines pages and the JSON API both do for a request: the service checks it and writes the
// row (in a transaction), then the machine's job is sent to do the provider's part. One place, so an entry
// point cannot forget the job.

/** A new machine row and its first job; a repeated request (same key) returns the same machine, no new job. */
export async function deployAndQueue(
  db: Db,
  userId: string,
  input: unknown,
): Promise<{ id: string; created: boolean }> {
  const r = await deployMachine(db, userId, input);
  if (r.created) await enqueueMachineStep(r.id);
  return r;
}

export async function stopAndQueue(db: Db, userId: string, id: string): Promise<void> {
  await enqueueMachineStep((await stopMachine(db, userId, id)).id);
}

export async function startAndQueue(db: Db, userId: string, id: string): Promise<void> {
  await enqueueMachineStep((await startMachine(db, userId, id)).id);
}

/** Destroy: a machine that still has an instance gets the job; one that never had one is done at once. */
export async function destroyAndQueue(db: Db, userId: string, id: string, confirmName: string | null): Promise<void> {
  const m = await destroyMachine(db, userId, id, confirmName);
  if (m.status === "destroying") await enqueueMachineStep(m.id);
}
