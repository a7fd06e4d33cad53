"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { hibernateAndQueue, resumeAndQueue } from "./queued-requests";

const MACHINES = { revalidate: ["/machines"] };

export async function hibernateAction(machineId: string) {
  return runAction(
    "hibernate",
    async (userId) => {
      const h = await hibernateAndQueue(await getDb(), userId, String(machineId), "user");
      return { id: h.id };
    },
    MACHINES,
  );
}

export async function resumeAction(hibernationId: string, provider: string, offerId: string) {
  return runAction(
    "resume",
    async (userId) => {
      const r = await resumeAndQueue(await getDb(), userId, String(hibernationId), { provider, offerId });
      return { machineId: r.machineId };
    },
    MACHINES,
  );
}
