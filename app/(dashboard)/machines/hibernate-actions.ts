"use server";

import { getDb } from "@/db";
import { enqueueHibernationStep } from "@/lib/hibernate/queue";
import { requestHibernate, requestResume } from "@/lib/hibernate/request";
import { enqueueMachineStep } from "@/lib/machines/queue";
import { runAction as run, type ActionResult } from "@/lib/actions/run-action";

export async function hibernateAction(machineId: string): Promise<ActionResult<{ id: string }>> {
  return run("hibernate", async (userId) => {
    const h = await requestHibernate(await getDb(), userId, String(machineId), "user");
    await enqueueHibernationStep(h.id, "hibernate");
    return { id: h.id };
  });
}

export async function resumeAction(hibernationId: string, provider: string, offerId: string): Promise<ActionResult<{ machineId: string }>> {
  return run("resume", async (userId) => {
    const r = await requestResume(await getDb(), userId, String(hibernationId), { provider, offerId });
    await enqueueMachineStep(r.machineId);
    await enqueueHibernationStep(r.hibernation.id, "resume");
    return { machineId: r.machineId };
  });
}
