"use server";

import { getDb } from "@/db";
import { markAlertsRead } from "@/db/queries/spending";
import { formAction, runAction } from "@/lib/actions/run-action";
import { enqueueBudgetAction } from "./queue";
import { removeBudget, removeMachineLimit, saveBudget, saveMachineLimit } from "./save-limits";

// The services validate (their field errors come back through the wrapper); the page shows the result.
const SPENDING = { revalidate: ["/spending"] };

const fired = (r: { alerts: unknown[]; actions: unknown[] }) =>
  r.alerts.length
    ? ` ${r.alerts.length} alert${r.alerts.length > 1 ? "s" : ""} fired now${r.actions.length ? ", and the chosen action started" : ""}.`
    : "";

export const saveBudgetAction = formAction({
  ...SPENDING,
  context: "budget",
  fields: ["amount", "action"],
  run: async (input, userId) => {
    const r = await saveBudget(await getDb(), userId, input, enqueueBudgetAction);
    return { message: `Budget saved.${fired(r)}` };
  },
});

export async function removeBudgetAction() {
  return runAction("budget", async (userId) => removeBudget(await getDb(), userId), SPENDING);
}

export const saveLimitAction = formAction({
  ...SPENDING,
  context: "limit",
  fields: ["machineId", "cap", "endsAt", "action"],
  run: async (input, userId) => {
    const r = await saveMachineLimit(await getDb(), userId, input, enqueueBudgetAction);
    return { message: `Limit saved.${fired(r)}` };
  },
});

export async function removeLimitAction(machineId: string) {
  return runAction("limit", async (userId) => removeMachineLimit(await getDb(), userId, String(machineId)), SPENDING);
}

/** The alerts badge sits in the dashboard's layout, so every page under it is refreshed. */
export const markAlertsReadAction = formAction({
  context: "alerts",
  fields: [],
  revalidate: ["/spending", { layout: "/" }],
  run: async (_input, userId) => {
    await markAlertsRead(await getDb(), userId, new Date());
    return {};
  },
});
