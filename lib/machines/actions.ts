"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { generateSshKey } from "@/lib/settings";
import { deployAndQueue, destroyAndQueue, startAndQueue, stopAndQueue } from "./queued-commands";
import { registerByoMachine } from "./register-byo";

const MACHINES = { revalidate: ["/machines"] };

/** Writes the machine row, enqueues the job, returns at once with the id to follow. */
export async function deployAction(input: unknown) {
  return runAction(
    "deploy",
    async (userId) => {
      const { id } = await deployAndQueue(await getDb(), userId, input);
      return { id };
    },
    MACHINES,
  );
}

/** One click on the deploy page: an ed25519 key the agent can use, so a first deploy needs no detour. */
export async function generateDeployKeyAction() {
  return runAction(
    "generate an SSH key",
    async (userId) => {
      const name = `deploy key ${new Date().toISOString().slice(0, 16).replace("T", " ")}`;
      const key = await generateSshKey(await getDb(), userId, { name });
      return { id: key.id, name: key.name, kind: key.kind };
    },
    { revalidate: ["/machines", "/settings"] },
  );
}

export async function stopAction(id: string) {
  return runAction("stop", async (userId) => stopAndQueue(await getDb(), userId, String(id)), MACHINES);
}

export async function startAction(id: string) {
  return runAction("start", async (userId) => startAndQueue(await getDb(), userId, String(id)), MACHINES);
}

export async function destroyAction(id: string, confirmName: string) {
  return runAction(
    "destroy",
    async (userId) => destroyAndQueue(await getDb(), userId, String(id), String(confirmName ?? "")),
    MACHINES,
  );
}

export async function registerByoAction(input: unknown) {
  return runAction("register", async (userId) => registerByoMachine(await getDb(), userId, input), MACHINES);
}
