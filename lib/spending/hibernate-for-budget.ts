import "server-only";
import type { Db } from "@/db";
import { hibernateAndQueue } from "@/lib/hibernate";

/** The budget action "hibernate": the same request as the machine page's button, marked as the budget's. */
export const hibernateForBudget =
  (db: Db) =>
  async (userId: string, machineId: string): Promise<void> => {
    await hibernateAndQueue(db, userId, machineId, "budget");
  };
