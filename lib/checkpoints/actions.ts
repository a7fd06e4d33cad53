"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { requestOperation } from "./request-operation";
import { requestProbe } from "./request-probe";
import { requestSetup } from "./request-setup";
import { trustHostKey } from "./trust-host-key";

// Agent actions change nothing a page renders on the server: the panels poll, so nothing to revalidate.

export async function probeAction(machineId: string) {
  return runAction("agent-probe", async (userId) => {
    await requestProbe(await getDb(), userId, String(machineId));
  });
}

export async function setupAction(machineId: string) {
  return runAction("agent-setup", async (userId) => requestSetup(await getDb(), userId, String(machineId)));
}

export async function checkpointAction(machineId: string, pid: number, criu: boolean) {
  return runAction("agent-checkpoint", async (userId) =>
    requestOperation(await getDb(), userId, String(machineId), { pid, action: "checkpoint", criu: !!criu }),
  );
}

/** Restores a checkpointed process (from its CRIU image when it was dumped to disk). */
export async function restoreAction(machineId: string, pid: number) {
  return runAction("agent-restore", async (userId) =>
    requestOperation(await getDb(), userId, String(machineId), { pid, action: "restore" }),
  );
}

/** After verifying the new host key out of band: pin the fingerprint shown on the page. */
export async function trustHostKeyAction(machineId: string, fingerprint: string) {
  return runAction("agent-trust-host-key", async (userId) => {
    await trustHostKey(await getDb(), userId, String(machineId), String(fingerprint));
  });
}
