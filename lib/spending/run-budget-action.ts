import "server-only";
import type { Db } from "@/db";
import { getMachine, type MachineRow } from "@/db/queries/machines";
import { budgetActionLease, finishAction, saveActionSteps, type BudgetActionRow } from "@/db/queries/spending";
import type { BudgetActionStep } from "@/db/schema/spending";
import { isDomainError } from "@/lib/errors";
import { destroyMachine, stopMachine } from "@/lib/machines";
import { PROVIDER_INFO, isProviderSlug } from "@/lib/providers";
import type { CheckpointAll } from "./checkpoint-all";

export interface ActionDeps {
  db: Db;
  /** Hands the machine to its state machine (enqueueMachineStep in the app; a direct call in tests). */
  enqueueStep: (machineId: string) => Promise<void>;
  checkpointAll?: CheckpointAll;
  /** Starts a hibernation (requestHibernate + its job in the app); throws a DomainError saying why it cannot. */
  hibernate?: (userId: string, machineId: string) => Promise<void>;
  now?: () => Date;
}

const label = (m: MachineRow) => (isProviderSlug(m.provider) ? PROVIDER_INFO[m.provider].label : m.provider);

/**
 * Job side: runs one queued budget action and writes what it did, step by step. Stop falls back to
 * a warning where the provider cannot stop (saying so); checkpoint-then-destroy destroys even when
 * the checkpoint was not possible, since the limit is the user's hard cap, and records why. Null
 * when the action was not queued any more (another worker took it).
 */
export async function runBudgetAction(deps: ActionDeps, actionId: string): Promise<BudgetActionRow | null> {
  const clock = deps.now ?? (() => new Date());
  // Claimed at the action's clock; the lease is renewed in real time while the action runs.
  const leased = await budgetActionLease.withLease(deps.db, actionId, { now: clock() }, (a) =>
    runClaimed(deps, a, clock),
  );
  return leased ? leased.result : null;
}

async function runClaimed(deps: ActionDeps, a: BudgetActionRow, clock: () => Date): Promise<BudgetActionRow | null> {
  const steps: BudgetActionStep[] = [...(a.steps ?? [])];
  const say = async (message: string, outcome: BudgetActionStep["outcome"] = "info") => {
    steps.push({ at: clock().toISOString(), message, outcome });
    await saveActionSteps(deps.db, a.id, steps);
  };
  const finish = (status: "done" | "failed", error: string | null = null) =>
    finishAction(deps.db, a.id, { status, steps, error, endedAt: clock() });

  try {
    if (a.attempts > 1) await say("Taken up again: the worker running this action stopped before it finished.");
    const m = a.machineId ? await getMachine(deps.db, a.userId, a.machineId) : null;
    if (a.action === "warn" || !m) {
      await say(m || !a.machineId ? "Warned only." : "The machine is gone; nothing to do.", "done");
      return finish("done");
    }
    if (m.status === "destroyed" || m.status === "destroying" || m.status === "failed") {
      await say(`${m.name} is already ${m.status}; nothing to do.`, "done");
      return finish("done");
    }

    if (a.action === "stop") {
      if (!m.canStop || m.origin === "byo") {
        const why =
          m.origin === "byo"
            ? "a server you registered yourself is stopped from its provider's console"
            : `${label(m)} cannot stop a machine, only destroy it; it bills in full until it is destroyed`;
        await say(`Could not stop ${m.name}: ${why}. Fell back to warn.`, "failed");
        return finish("done", `Not stopped: ${why}.`);
      }
      if (m.status === "stopped" || m.status === "stopping") {
        await say(`${m.name} is already ${m.status}.`, "done");
        return finish("done");
      }
      const stopped = await stopMachine(deps.db, a.userId, m.id);
      await deps.enqueueStep(stopped.id);
      await say(
        `Stop requested for ${m.name}; it bills ${stopped.stoppedPricePerHourMicros ? "the stopped rate" : "nothing"} once stopped.`,
        "done",
      );
      return finish("done");
    }

    if (a.action === "hibernate") {
      if (m.status === "running" && deps.hibernate) {
        try {
          await deps.hibernate(a.userId, m.id);
          await say(
            `Hibernating ${m.name}: its CUDA processes go to object storage, then it is destroyed and billing ends. Resume it later from its page.`,
            "done",
          );
          return finish("done");
        } catch (e) {
          if (!isDomainError(e)) throw e;
          await say(
            `Could not hibernate ${m.name}: ${e.message} Falling back to checkpoint then destroy (the limit is a hard cap).`,
            "failed",
          );
        }
      } else {
        await say(`${m.name} is ${m.status}: nothing running to hibernate; destroying it (the limit is a hard cap).`);
      }
    }

    // checkpoint_destroy (and hibernate where it was not possible)
    if (m.status === "running") {
      const cp = deps.checkpointAll
        ? await deps.checkpointAll(deps.db, a.userId, m.id)
        : { ok: false, notes: ["Checkpoint not possible: the agent is not available in this process."] };
      for (const n of cp.notes) await say(n, cp.ok ? "done" : "failed");
      if (!cp.ok) await say("Destroying anyway: the limit is a hard cap (checkpoint was not possible, see above).");
    } else {
      await say(`${m.name} is ${m.status}: no running process to checkpoint.`);
    }
    const destroyed = await destroyMachine(deps.db, a.userId, m.id, null);
    if (destroyed.status === "destroying") await deps.enqueueStep(destroyed.id);
    await say(`Destroy requested for ${m.name}: billing ends when the provider confirms.`, "done");
    return finish("done");
  } catch (e) {
    const msg = isDomainError(e) ? e.message : "Unexpected error; see the server log.";
    if (!isDomainError(e)) console.error("[spending:action]", e);
    await say(msg, "failed");
    return finish("failed", msg);
  }
}
