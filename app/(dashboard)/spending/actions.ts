"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { markAlertsRead } from "@/db/queries/spending";
import { requireUser } from "@/lib/auth/session";
import { isDomainError, publicMessage } from "@/lib/errors";
import { boot } from "@/lib/server/boot";
import { enqueueBudgetAction } from "@/lib/spending/queue";
import { removeBudget, removeMachineLimit, saveBudget, saveMachineLimit } from "@/lib/spending/save-limits";

// zod (in the services) → requireUser → service → a state the form renders. Unknown failures are
// logged and answered with a generic sentence.

export interface SpendingFormState {
  ok?: boolean;
  error?: string;
  fieldErrors?: Partial<Record<string, string>>;
  message?: string;
  doneAt?: number;
  values?: Record<string, string>;
}

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : undefined;
};

async function run(context: string, values: Record<string, string>, fn: (userId: string) => Promise<string>): Promise<SpendingFormState> {
  const user = await requireUser();
  await boot();
  try {
    const message = await fn(user.id);
    revalidatePath("/spending");
    return { ok: true, message, doneAt: Date.now() };
  } catch (e) {
    if (isDomainError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors, values };
    return { ok: false, error: publicMessage(e, context), values };
  }
}

const fired = (r: { alerts: unknown[]; actions: unknown[] }) =>
  r.alerts.length ? ` ${r.alerts.length} alert${r.alerts.length > 1 ? "s" : ""} fired now${r.actions.length ? ", and the chosen action started" : ""}.` : "";

export async function saveBudgetAction(_prev: SpendingFormState, form: FormData): Promise<SpendingFormState> {
  const input = { amount: text(form, "amount") ?? "", action: text(form, "action") ?? "" };
  return run("budget", input, async (userId) => {
    const r = await saveBudget(await getDb(), userId, input, enqueueBudgetAction);
    return `Budget saved.${fired(r)}`;
  });
}

export async function removeBudgetAction(): Promise<SpendingFormState> {
  return run("budget", {}, async (userId) => {
    await removeBudget(await getDb(), userId);
    return "Budget removed.";
  });
}

export async function saveLimitAction(_prev: SpendingFormState, form: FormData): Promise<SpendingFormState> {
  const input = { machineId: text(form, "machineId") ?? "", cap: text(form, "cap"), endsAt: text(form, "endsAt"), action: text(form, "action") ?? "" };
  return run("limit", { machineId: input.machineId, cap: input.cap ?? "", endsAt: input.endsAt ?? "", action: input.action }, async (userId) => {
    const r = await saveMachineLimit(await getDb(), userId, input, enqueueBudgetAction);
    return `Limit saved.${fired(r)}`;
  });
}

export async function removeLimitAction(machineId: string): Promise<SpendingFormState> {
  return run("limit", {}, async (userId) => {
    await removeMachineLimit(await getDb(), userId, String(machineId));
    return "Limit removed.";
  });
}

export async function markAlertsReadAction(): Promise<void> {
  const user = await requireUser();
  await boot();
  await markAlertsRead(await getDb(), user.id, new Date());
  revalidatePath("/spending");
  revalidatePath("/", "layout");
}
