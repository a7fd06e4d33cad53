"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { enqueueMachineStep } from "./queue";
import { adoptFinding, destroyFinding, reconcileUser } from "./reconcile";

const MACHINES = { revalidate: ["/machines"] };

export async function checkProvidersAction() {
  return runAction(
    "reconcile",
    async (userId) => {
      await reconcileUser(await getDb(), userId);
    },
    MACHINES,
  );
}

export async function adoptAction(findingId: string) {
  return runAction(
    "adopt",
    async (userId) => {
      const id = await adoptFinding(await getDb(), userId, String(findingId));
      await enqueueMachineStep(id);
      return { id };
    },
    MACHINES,
  );
}

export async function destroyFindingAction(findingId: string) {
  return runAction(
    "destroy-finding",
    async (userId) => {
      await destroyFinding(await getDb(), userId, String(findingId));
    },
    MACHINES,
  );
}
