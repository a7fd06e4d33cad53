import "server-only";
import { NextResponse } from "next/server";
import { getDb, type Db } from "@/db";
import { authenticateBearer } from "@/lib/settings";
import { auth } from "@/lib/auth";
import { HTTP_STATUS, isDomainError, publicMessage } from "@/lib/errors";
import { whenStarted } from "@/lib/startup";

// JSON route handlers share one shape: authenticate (a personal API token, or the browser's session
// for the pages' own polling), run the service with the user's id, map errors to status + message.

export const MAX_BODY_BYTES = 64 * 1024;

export type ApiContext = { db: Db; userId: string };

export function jsonError(status: number, error: string, fieldErrors?: Partial<Record<string, string>>) {
  return NextResponse.json({ error, ...(fieldErrors ? { fieldErrors } : {}) }, { status });
}

export async function apiUser(req: Request): Promise<ApiContext | null> {
  await whenStarted();
  const db = await getDb();
  const header = req.headers.get("authorization");
  if (header) {
    const t = await authenticateBearer(db, header);
    return t ? { db, userId: t.userId } : null;
  }
  const session = await auth();
  return session?.user?.id ? { db, userId: session.user.id } : null;
}

/** Reads a JSON body of at most MAX_BODY_BYTES; a bad or huge body is the caller's error, not ours. */
export async function readJson(req: Request): Promise<{ ok: true; body: unknown } | { ok: false; res: NextResponse }> {
  const len = Number(req.headers.get("content-length") ?? 0);
  if (len > MAX_BODY_BYTES)
    return { ok: false, res: jsonError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`) };
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES)
    return { ok: false, res: jsonError(413, `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`) };
  if (!text.trim()) return { ok: true, body: {} };
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return { ok: false, res: jsonError(400, "The request body is not valid JSON.") };
  }
}

/** Runs a handler for a signed-in user (401 otherwise) and maps domain errors to their status. */
export function withUser<P>(fn: (ctx: ApiContext, req: Request, params: P) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await apiUser(req);
      if (!ctx)
        return jsonError(
          401,
          "Sign in, or send Authorization: Bearer <token> with a token from Settings → API tokens.",
        );
      return await fn(ctx, req, await route.params);
    } catch (e) {
      if (isDomainError(e)) return jsonError(HTTP_STATUS[e.code], e.message, e.fieldErrors);
      return jsonError(500, publicMessage(e, "api"));
    }
  };
}
