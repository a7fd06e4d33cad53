import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/api-routes/route-helpers";
import { enqueueMachineStep } from "@/lib/machines";
import type { StartedResumeDto } from "@/lib/hibernate";
import { enqueueHibernationStep } from "@/lib/hibernate";
import { toHibernationDto } from "@/lib/hibernate";
import { requestResume } from "@/lib/hibernate";

export const dynamic = "force-dynamic";

/** Resumes the image on an offer ({provider, offerId}); refused with the reason when the offer cannot take it. */
export const POST = withUser<{ id: string }>(async ({ db, userId }, req, { id }) => {
  const body = await readJson(req);
  if (!body.ok) return body.res;
  const r = await requestResume(db, userId, id, body.body);
  await enqueueMachineStep(r.machineId);
  await enqueueHibernationStep(id, "resume");
  return NextResponse.json<StartedResumeDto>({ hibernation: await toHibernationDto(db, r.hibernation), machineId: r.machineId }, { status: 202 });
});
