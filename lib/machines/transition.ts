import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { machineEvents, machines, usageIntervals, type MachineStatus } from "@/db/schema";
import type { MachineRow } from "@/db/queries/machines";
import { billingStateFor } from "./billing-state";

export interface TransitionEvent {
  step: string;
  outcome: "started" | "done" | "failed" | "info";
  message?: string;
}

/**
 * Applies one state change to a machine: the row update, the usage-ledger change (close the open
 * interval, open the new one at the rate that applies) and the events, in one transaction.
 */
export async function transition(
  db: Db,
  m: MachineRow,
  patch: Partial<Omit<MachineRow, "id" | "userId">>,
  events: TransitionEvent[],
  now: Date,
): Promise<MachineRow> {
  return db.transaction(async (tx) => {
    const next = { ...m, ...patch };
    const [row] = await tx
      .update(machines)
      .set({ ...patch, updatedAt: now, ...(patch.status && patch.status !== m.status ? { stepStartedAt: now } : {}) })
      .where(eq(machines.id, m.id))
      .returning();
    const billing = billingStateFor(next.status as MachineStatus);
    if (billing !== "unchanged") {
      const [open] = await tx
        .select()
        .from(usageIntervals)
        .where(and(eq(usageIntervals.machineId, m.id), isNull(usageIntervals.endedAt)));
      const rate = billing === "running" ? next.pricePerHourMicros : (next.stoppedPricePerHourMicros ?? 0);
      const same = open && open.state === billing && open.ratePerHourMicros === rate;
      if (!same) {
        if (open) await tx.update(usageIntervals).set({ endedAt: now }).where(eq(usageIntervals.id, open.id));
        if (billing !== "none")
          await tx.insert(usageIntervals).values({
            id: crypto.randomUUID(),
            userId: m.userId,
            machineId: m.id,
            provider: m.provider,
            state: billing,
            ratePerHourMicros: rate,
            granularity: next.billingGranularity,
            startedAt: now,
          });
      }
    }
    if (events.length)
      await tx.insert(machineEvents).values(
        events.map((e, i) => ({
          id: crypto.randomUUID(),
          machineId: m.id,
          step: e.step,
          outcome: e.outcome,
          message: e.message ?? null,
          at: new Date(now.getTime() + i),
        })),
      );
    return row!;
  });
}
