"use server";

import { getDb } from "@/db";
import { runAction } from "@/lib/actions/run-action";
import { removeObjectStore, saveObjectStore } from "@/lib/hibernate/storage";

const SETTINGS = { revalidate: ["/settings"] };

/** Saves the user's bucket for hibernation images after one authenticated call to it. */
export async function saveObjectStoreAction(input: unknown) {
  return runAction("object storage", async (userId) => saveObjectStore(await getDb(), userId, input), SETTINGS);
}

export async function removeObjectStoreAction() {
  return runAction("object storage", async (userId) => removeObjectStore(await getDb(), userId), SETTINGS);
}
