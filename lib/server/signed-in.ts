import "server-only";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { boot } from "@/lib/server/boot";

/**
 * What every signed-in page starts with: the user (a signed-out visit goes to sign-in and comes back
 * to `path`), the app's background work started, and the database.
 */
export async function signedIn(path: string) {
  const user = await requireUser(path);
  await boot();
  return { user, db: await getDb() };
}
