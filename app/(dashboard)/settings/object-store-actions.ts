"use server";

import { getDb } from "@/db";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { removeObjectStore, saveObjectStore, type ObjectStoreDto } from "@/lib/hibernate/storage";

/** Saves the user's bucket for hibernation images after one authenticated call to it. */
export async function saveObjectStoreAction(input: unknown): Promise<ActionResult<ObjectStoreDto>> {
  return runAction("object storage", async (userId) => saveObjectStore(await getDb(), userId, input), ["/settings"]);
}

export async function removeObjectStoreAction(): Promise<ActionResult> {
  return runAction(
    "object storage",
    async (userId) => {
      await removeObjectStore(await getDb(), userId);
      return undefined;
    },
    ["/settings"],
  );
}
