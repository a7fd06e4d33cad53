import { withUser } from "@/lib/api-routes/route-helpers";
import { intervalsCsvResponse, intervalsJsonResponse } from "@/lib/spending";

export const dynamic = "force-dynamic";

/** The usage ledger, paged (?cursor=&limit=, keyset), or the whole of it as streamed CSV with ?format=csv. */
export const GET = withUser(async ({ db, userId }, req) => {
  const q = new URL(req.url).searchParams;
  return q.get("format") === "csv" ? intervalsCsvResponse(db, userId) : intervalsJsonResponse(db, userId, q);
});
