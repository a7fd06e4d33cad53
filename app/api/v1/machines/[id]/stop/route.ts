import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { enqueueMachineStep } from "@/lib/machines";
import { stopMachine } from "@/lib/machines";
import { getMachineDetail } from "@/lib/machines";

export const dynamic = "force-dynamic";

export const POST = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  const m = await stopMachine(db, userId, id);
  await enqueueMachineStep(m.id);
  return NextResponse.json(await getMachineDetail(db, userId, id), { status: 202 });
});
