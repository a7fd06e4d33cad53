import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import {
  getMachineHibernation,
  hibernateAndQueue,
  type StartedHibernationDto,
  toHibernationDto,
} from "@/lib/hibernate";

export const dynamic = "force-dynamic";

/** The machine's hibernation (and the one it was resumed from), for polling. */
export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) =>
  NextResponse.json(await getMachineHibernation(db, userId, id)),
);

/** Hibernates the machine: checkpoint, upload, verify, destroy. Poll GET for the phases and progress. */
export const POST = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  const h = await hibernateAndQueue(db, userId, id, "api");
  return NextResponse.json<StartedHibernationDto>({ hibernation: await toHibernationDto(db, h) }, { status: 202 });
});
