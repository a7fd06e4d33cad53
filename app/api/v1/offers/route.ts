import { NextResponse } from "next/server";
import { jsonError, withUser } from "@/lib/api-routes/route-helpers";
import { listOffersForUser } from "@/lib/machines";
import { isProviderSlug } from "@/lib/providers";

export const dynamic = "force-dynamic";

/** Live offers of one provider for this user (cached about a minute). */
export const GET = withUser(async ({ db, userId }, req) => {
  const provider = new URL(req.url).searchParams.get("provider") ?? "";
  if (!isProviderSlug(provider))
    return jsonError(400, "Pass ?provider= one of tensordock, vastai, runpod, lambda, hostkey.");
  return NextResponse.json(await listOffersForUser(db, userId, provider));
});
