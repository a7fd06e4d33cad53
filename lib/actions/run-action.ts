import "server-only";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isDomainError, publicMessage } from "@/lib/errors";
import { whenStarted } from "@/lib/startup";

/** What every dashboard action returns: data, or a message (and field messages) a person can act on. */
export type ActionResult<T = undefined> = { ok: true; data?: T } | { ok: false; error: string; fieldErrors?: Partial<Record<string, string>> };

/**
 * The one wrapper of the dashboard's server actions: the signed-in user (a redirect to sign-in
 * otherwise), the service, the pages to refresh, and errors mapped one way: a domain error's own
 * message, anything else a generic sentence with the details in the server log.
 */
export async function runAction<T>(context: string, fn: (userId: string) => Promise<T>, revalidate: string[] = ["/machines"]): Promise<ActionResult<T>> {
  // Outside the try: requireUser redirects by throwing, and that must reach Next.
  const user = await requireUser();
  await whenStarted();
  try {
    const data = await fn(user.id);
    for (const p of revalidate) revalidatePath(p);
    return { ok: true, data };
  } catch (e) {
    if (isDomainError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
    return { ok: false, error: publicMessage(e, context) };
  }
}
