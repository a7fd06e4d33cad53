import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { getMachineDetail, startAndQueue } from "@/lib/machines";

export const dynamic = "force-dynamic";

export const POST = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  await startAndQueue(db, userId, id);
  return NextResponse.json(await getMachineDetail(db, userId, id), { status: 202 });
});
