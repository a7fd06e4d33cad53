"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { isDomainError, publicMessage } from "@/lib/errors";
import { enqueueMachineStep } from "@/lib/jobs/machine-jobs";
import { deployMachine } from "@/lib/machines/deploy-machine";
import { destroyMachine, startMachine, stopMachine } from "@/lib/machines/machine-commands";
import { registerByoMachine } from "@/lib/machines/register-byo";
import { boot } from "@/lib/server/boot";

export type ActionResult<T = undefined> = { ok: true; data?: T } | { ok: false; error: string; fieldErrors?: Partial<Record<string, string>> };

async function run<T>(context: string, fn: (userId: string) => Promise<T>): Promise<ActionResult<T>> {
  const user = await requireUser();
  await boot();
  try {
    const data = await fn(user.id);
    revalidatePath("/machines");
    return { ok: true, data };
  } catch (e) {
    if (isDomainError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
    return { ok: false, error: publicMessage(e, context) };
  }
}

/** Writes the machine row, enqueues the job, returns at once with the id to follow. */
export async function deployAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run("deploy", async (userId) => {
    const { id, created } = await deployMachine(await getDb(), userId, input);
    if (created) await enqueueMachineStep(id);
    return { id };
  });
}

export async function stopAction(id: string): Promise<ActionResult> {
  return run("stop", async (userId) => {
    const m = await stopMachine(await getDb(), userId, String(id));
    await enqueueMachineStep(m.id);
    return undefined;
  });
}

export async function startAction(id: string): Promise<ActionResult> {
  return run("start", async (userId) => {
    const m = await startMachine(await getDb(), userId, String(id));
    await enqueueMachineStep(m.id);
    return undefined;
  });
}

export async function destroyAction(id: string, confirmName: string): Promise<ActionResult> {
  return run("destroy", async (userId) => {
    const m = await destroyMachine(await getDb(), userId, String(id), String(confirmName ?? ""));
    if (m.status === "destroying") await enqueueMachineStep(m.id);
    return undefined;
  });
}

export async function registerByoAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run("register", async (userId) => registerByoMachine(await getDb(), userId, input));
}
