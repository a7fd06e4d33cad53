import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { parseRange, getSpendingSummary } from "@/lib/spending";

export const dynamic = "force-dynamic";

/** Spending over ?from=&to= (dates, the end included, or ISO date-times; this UTC month by default): by provider and machine. */
export const GET = withUser(async ({ db, userId }, req) => {
  const q = new URL(req.url).searchParams;
  const now = new Date();
  const range = parseRange(q.get("from"), q.get("to"), now);
  return NextResponse.json(await getSpendingSummary(db, userId, range, now));
});
