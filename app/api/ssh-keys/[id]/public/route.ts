import { getDb } from "@/db";
import { currentUserId } from "@/lib/auth/session";
import { boot } from "@/lib/server/boot";
import { getSshKey } from "@/lib/settings";

export const dynamic = "force-dynamic";

const notFound = () =>
  new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The public half of one of the signed-in user's SSH keys, as a .pub download. 404 for anyone else. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const userId = await currentUserId();
  // Signed out and "not yours" look the same: an id says nothing about whether it exists.
  if (!userId) return notFound();
  await boot();
  const key = await getSshKey(await getDb(), userId, (await ctx.params).id);
  if (!key) return notFound();
  const file = `${
    key.name
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "key"
  }.pub`;
  return new Response(`${key.publicKey}\n`, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
