"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { isDomainError, publicMessage } from "@/lib/errors";
import { enqueueMachineStep } from "@/lib/jobs/machine-jobs";
import { adoptFinding, destroyFinding, reconcileUser } from "@/lib/machines/reconcile";
import { boot } from "@/lib/server/boot";
import type { ActionResult } from "./actions";

async function run<T>(context: string, fn: (userId: string) => Promise<T>): Promise<ActionResult<T>> {
  const user = await requireUser();
  await boot();
  try {
    const data = await fn(user.id);
    revalidatePath("/machines");
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: isDomainError(e) ? e.message : publicMessage(e, context) };
  }
}

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
