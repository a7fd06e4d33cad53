import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { getProbeView, requestProbe } from "@/lib/checkpoints";

export const dynamic = "force-dynamic";

/** The last readiness verdict (and the probe behind it). A running machine never probed gets its first probe. */
export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) =>
  NextResponse.json(await getProbeView(db, userId, id, { autoProbe: true })),
);

/** Runs a probe now; poll GET until `probing` is false. */
export const POST = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  await requestProbe(db, userId, id);
  return NextResponse.json(await getProbeView(db, userId, id), { status: 202 });
});
