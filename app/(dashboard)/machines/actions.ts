"use server";

import { revalidatePath } from "next/cache";
import { runAction as run, type ActionResult } from "@/lib/actions/run-action";
import { getDb } from "@/db";
import { enqueueMachineStep } from "@/lib/machines/queue";
import { deployMachine } from "@/lib/machines/deploy-machine";
import { destroyMachine, startMachine, stopMachine } from "@/lib/machines/machine-commands";
import { registerByoMachine } from "@/lib/machines/register-byo";
import { generateSshKey } from "@/lib/settings/ssh-keys/generate-ssh-key";

export type { ActionResult };

/** Writes the machine row, enqueues the job, returns at once with the id to follow. */
export async function deployAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run("deploy", async (userId) => {
    const { id, created } = await deployMachine(await getDb(), userId, input);
    if (created) await enqueueMachineStep(id);
    return { id };
  });
}

/** One click on the deploy page: an ed25519 key the agent can use, so a first deploy needs no detour. */
export async function generateDeployKeyAction(): Promise<ActionResult<{ id: string; name: string; kind: string }>> {
  return run("generate an SSH key", async (userId) => {
    const name = `deploy key ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
    const r = await generateSshKey(await getDb(), userId, { name });
    if (!r.ok) throw new Error(r.error ?? "The key could not be generated.");
    revalidatePath("/settings");
    return { id: r.data.id, name: r.data.name, kind: r.data.kind };
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
