import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./index";

/** The signed-in user's id, or null. Cached per request. */
export const currentUserId = cache(async (): Promise<string | null> => {
  const session = await auth();
  return session?.user?.id ?? null;
});

/**
 * The entry point of every private page and action: the signed-in user, or a redirect to sign-in
 * that comes back to `returnTo` afterwards.
 */
export async function requireUser(returnTo?: string): Promise<{ id: string; email: string | null }> {
  const session = await auth();
  if (!session?.user?.id) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return { id: session.user.id, email: session.user.email ?? null };
}
