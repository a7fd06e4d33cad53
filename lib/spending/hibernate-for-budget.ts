import "server-only";
import type { Db } from "@/db";
import { enqueueHibernationStep } from "@/lib/hibernate";
import { requestHibernate } from "@/lib/hibernate";

/** The budget action "hibernate": the same request as the machine page's button, marked as the budget's. */
export const hibernateForBudget =
  (db: Db) =>
  async (userId: string, machineId: string): Promise<void> => {
    const h = await requestHibernate(db, userId, machineId, "budget");
    await enqueueHibernationStep(h.id, "hibernate");
  };
