import "server-only";
import type { ZodError } from "zod";
import type { Db } from "@/db";
import { getMachine } from "@/db/queries/machines";
import { deleteBudget, deleteLimit, upsertBudget, upsertLimit } from "@/db/queries/spending";
import { DomainError, fieldErrors } from "@/lib/errors";
import { evaluateUser, type EnqueueAction } from "./evaluate-budgets";
import { budgetSchema, machineLimitSchema } from "./schemas";

const invalid = (e: ZodError) => new DomainError("invalid", e.issues[0]?.message ?? "Invalid input.", fieldErrors(e));

/**
 * Sets the signed-in user's monthly budget (validated: positive, not absurd) and evaluates it at
 * once, so a budget already exceeded alerts and acts now rather than within the minute.
 */
export async function saveBudget(db: Db, userId: string, input: unknown, enqueue: EnqueueAction, now = new Date()) {
  const parsed = budgetSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  await upsertBudget(db, userId, parsed.data.amount, parsed.data.action, now);
  return evaluateUser(db, userId, now, enqueue);
}

export async function removeBudget(db: Db, userId: string): Promise<void> {
  await deleteBudget(db, userId);
}

/** Sets a cap and/or an end time on one of the user's own machines (another's id is not found). */
export async function saveMachineLimit(
  db: Db,
  userId: string,
  input: unknown,
  enqueue: EnqueueAction,
  now = new Date(),
) {
  const parsed = machineLimitSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const m = await getMachine(db, userId, parsed.data.machineId);
  if (!m) throw new DomainError("not_found", "No such machine.", { machineId: "Choose one of your machines." });
  if (m.status === "destroyed")
    throw new DomainError("conflict", "That machine is destroyed; it bills nothing more.", {
      machineId: "Choose a machine that is not destroyed.",
    });
  await upsertLimit(
    db,
    userId,
    m.id,
    { capMicros: parsed.data.cap ?? null, endsAt: parsed.data.endsAt ?? null, action: parsed.data.action },
    now,
  );
  return evaluateUser(db, userId, now, enqueue);
}

export async function removeMachineLimit(db: Db, userId: string, machineId: string): Promise<void> {
  await deleteLimit(db, userId, machineId);
}
