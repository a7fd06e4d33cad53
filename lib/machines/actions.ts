"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { generateSshKey } from "@/lib/settings";
import { deployMachine } from "./deploy-machine";
import { enqueueMachineStep } from "./queue";
import { destroyMachine, startMachine, stopMachine } from "./machine-commands";
import { registerByoMachine } from "./register-byo";

const MACHINES = { revalidate: ["/machines"] };

/** Writes the machine row, enqueues the job, returns at once with the id to follow. */
export async function deployAction(input: unknown) {
  return runAction(
    "deploy",
    async (userId) => {
      const { id, created } = await deployMachine(await getDb(), userId, input);
      if (created) await enqueueMachineStep(id);
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

/** Stop and start: the command checks and marks the machine, the job does the provider's part. */
async function command(run: typeof stopMachine, userId: string, id: string) {
  const m = await run(await getDb(), userId, String(id));
  await enqueueMachineStep(m.id);
}

export async function stopAction(id: string) {
  return runAction("stop", (userId) => command(stopMachine, userId, id), MACHINES);
}

export async function startAction(id: string) {
  return runAction("start", (userId) => command(startMachine, userId, id), MACHINES);
}

export async function destroyAction(id: string, confirmName: string) {
  return runAction(
    "destroy",
    async (userId) => {
      const m = await destroyMachine(await getDb(), userId, String(id), String(confirmName ?? ""));
      if (m.status === "destroying") await enqueueMachineStep(m.id);
    },
    MACHINES,
  );
}

export async function registerByoAction(input: unknown) {
  return runAction("register", async (userId) => registerByoMachine(await getDb(), userId, input), MACHINES);
}
