"use server";

import { getDb } from "@/db";
import { enqueueMachineStep } from "@/lib/machines/queue";
import { adoptFinding, destroyFinding, reconcileUser } from "@/lib/machines/reconcile";
import { runAction as run, type ActionResult } from "@/lib/actions/run-action";

export async function checkProvidersAction(): Promise<ActionResult> {
  return run("reconcile", async (userId) => {
    await reconcileUser(await getDb(), userId);
    return undefined;
  });
}

export async function adoptAction(findingId: string): Promise<ActionResult<{ id: string }>> {
  return run("adopt", async (userId) => {
    const id = await adoptFinding(await getDb(), userId, String(findingId));
    await enqueueMachineStep(id);
    return { id };
  });
}

export async function destroyFindingAction(findingId: string): Promise<ActionResult> {
  return run("destroy-finding", async (userId) => {
    await destroyFinding(await getDb(), userId, String(findingId));
    return undefined;
  });
}
