import "server-only";
import type { Db } from "@/db";
import { enqueueMachineStep } from "@/lib/machines";
import type { HibernationRow } from "@/db/queries/hibernations";
import { enqueueHibernationStep } from "./queue";
import { requestHibernate, requestResume } from "./request";

// What the machine page and the JSON API both do: the request's checks and rows, then the jobs that carry
// it out. One place, so an entry point cannot forget a job.

export async function hibernateAndQueue(
  db: Db,
  userId: string,
  machineId: string,
  by: "user" | "api" | "budget",
): Promise<HibernationRow> {
  const h = await requestHibernate(db, userId, machineId, by);
  await enqueueHibernationStep(h.id, "hibernate");
  return h;
}

/** The new machine is deployed like any other (its job), and the resume waits for it (the hibernation's job). */
export async function resumeAndQueue(
  db: Db,
  userId: string,
  hibernationId: string,
  input: unknown,
): Promise<Awaited<ReturnType<typeof requestResume>>> {
  const r = await requestResume(db, userId, hibernationId, input);
  await enqueueMachineStep(r.machineId);
  await enqueueHibernationStep(r.hibernation.id, "resume");
  return r;
}
