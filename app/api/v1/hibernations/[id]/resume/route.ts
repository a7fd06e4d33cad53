import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/api-routes/route-helpers";
import { resumeAndQueue, type StartedResumeDto, toHibernationDto } from "@/lib/hibernate";

export const dynamic = "force-dynamic";

/** Resumes the image on an offer ({provider, offerId}); refused with the reason when the offer cannot take it. */
export const POST = withUser<{ id: string }>(async ({ db, userId }, req, { id }) => {
  const body = await readJson(req);
  if (!body.ok) return body.res;
  const r = await resumeAndQueue(db, userId, id, body.body);
  return NextResponse.json<StartedResumeDto>(
    { hibernation: await toHibernationDto(db, r.hibernation), machineId: r.machineId },
    { status: 202 },
  );
});
