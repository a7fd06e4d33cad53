import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { getHibernation } from "@/db/queries/hibernations";
import { DomainError } from "@/lib/errors";
import { resumeOffers } from "@/lib/hibernate";

export const dynamic = "force-dynamic";

/** Live offers of every provider with the image's GPU model, each with why it cannot take the image (null when it can). */
export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  const h = await getHibernation(db, userId, id);
  if (!h) throw new DomainError("not_found", "No such hibernated machine.");
  return NextResponse.json(await resumeOffers(db, userId, h));
});
