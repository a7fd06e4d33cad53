import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { type StartedSetupDto, getSetupView, requestSetup } from "@/lib/checkpoints";

export const dynamic = "force-dynamic";

/** The latest setup run with its output so far. */
export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) =>
  NextResponse.json(await getSetupView(db, userId, id)),
);

/** Starts the setup guide (driver 570+, cuda-checkpoint, persistence mode), then a probe. */
export const POST = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  const run = await requestSetup(db, userId, id);
  return NextResponse.json<StartedSetupDto>({ machineId: id, run }, { status: 202 });
});
