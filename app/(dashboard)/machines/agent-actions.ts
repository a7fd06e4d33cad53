"use server";

import { getDb } from "@/db";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { requestOperation } from "@/lib/checkpoints/request-operation";
import { requestProbe } from "@/lib/checkpoints/request-probe";
import { requestSetup } from "@/lib/checkpoints/request-setup";
import { trustHostKey } from "@/lib/checkpoints/trust-host-key";
import type { OperationDto, SetupRunDto } from "@/lib/checkpoints/types";

/** The dashboard's one action result (kept under this name for the agent's components). */
export type AgentActionResult<T = undefined> = ActionResult<T>;

// Agent actions change nothing a page renders on the server: the panels poll, so nothing to revalidate.
const run = <T>(context: string, fn: (userId: string) => Promise<T>) => runAction(context, fn, []);

export async function probeAction(machineId: string): Promise<AgentActionResult> {
  return run("agent-probe", async (userId) => {
    await requestProbe(await getDb(), userId, String(machineId));
    return undefined;
  });
}

export async function setupAction(machineId: string): Promise<AgentActionResult<SetupRunDto>> {
  return run("agent-setup", async (userId) => requestSetup(await getDb(), userId, String(machineId)));
}

export async function checkpointAction(machineId: string, pid: number, criu: boolean): Promise<AgentActionResult<OperationDto>> {
  return run("agent-checkpoint", async (userId) => requestOperation(await getDb(), userId, String(machineId), { pid, action: "checkpoint", criu: !!criu }));
}

/** Restores a checkpointed process (from its CRIU image when it was dumped to disk). */
export async function restoreAction(machineId: string, pid: number): Promise<AgentActionResult<OperationDto>> {
  return run("agent-restore", async (userId) => requestOperation(await getDb(), userId, String(machineId), { pid, action: "restore" }));
}

/** After verifying the new host key out of band: pin the fingerprint shown on the page. */
export async function trustHostKeyAction(machineId: string, fingerprint: string): Promise<AgentActionResult> {
  return run("agent-trust-host-key", async (userId) => {
    await trustHostKey(await getDb(), userId, String(machineId), String(fingerprint));
    return undefined;
  });
}
