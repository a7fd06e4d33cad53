"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { enqueueMachineStep } from "@/lib/machines";
import { enqueueHibernationStep } from "./queue";
import { requestHibernate, requestResume } from "./request";

const MACHINES = { revalidate: ["/machines"] };

export async function hibernateAction(machineId: string) {
  return runAction(
    "hibernate",
    async (userId) => {
      const h = await requestHibernate(await getDb(), userId, String(machineId), "user");
      await enqueueHibernationStep(h.id, "hibernate");
      return { id: h.id };
    },
    MACHINES,
  );
}

export async function resumeAction(hibernationId: string, provider: string, offerId: string) {
  return runAction(
    "resume",
    async (userId) => {
      const r = await requestResume(await getDb(), userId, String(hibernationId), { provider, offerId });
      await enqueueMachineStep(r.machineId);
      await enqueueHibernationStep(r.hibernation.id, "resume");
      return { machineId: r.machineId };
    },
    MACHINES,
  );
}
