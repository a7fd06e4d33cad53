import "server-only";
import { NextResponse } from "next/server";
import type { Db } from "@/db";
import { intervalPage } from "@/db/queries/spending";
import { DomainError, fieldErrors } from "@/lib/errors";
import { fullCost } from "@/lib/costing";
import { decodeCursor, encodeCursor, intervalsCsvStream } from "./csv";
import type { IntervalPageDto } from "./interval-dto";
import { intervalsQuerySchema } from "./schemas";

/** The CSV download: streamed, paged by keyset inside the stream. */
export function intervalsCsvResponse(db: Db, userId: string): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(intervalsCsvStream(db, userId), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="dumontcloud-intervals-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}

/** One JSON page of the user's intervals, oldest first, with the cursor of the next page (null at the end). */
export async function intervalsJsonResponse(db: Db, userId: string, q: URLSearchParams): Promise<Response> {
  const parsed = intervalsQuerySchema.safeParse({
    cursor: q.get("cursor") ?? undefined,
    limit: q.get("limit") ?? undefined,
  });
  if (!parsed.success)
    throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "Invalid query.", fieldErrors(parsed.error));
  const after = parsed.data.cursor ? decodeCursor(parsed.data.cursor) : null;
  if (parsed.data.cursor && !after)
    throw new DomainError("invalid", "cursor is not one this API returned.", {
      cursor: "Pass nextCursor from the previous page.",
    });
  const rows = await intervalPage(db, userId, after, parsed.data.limit);
  const now = Date.now();
  const page: IntervalPageDto = {
    intervals: rows.map((r) => ({
      ...r,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
      costMicros: fullCost(r, now),
    })),
    nextCursor: rows.length === parsed.data.limit ? encodeCursor(rows.at(-1)!) : null,
  };
  return NextResponse.json(page);
}
