import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { enqueueMachineStep } from "@/lib/machines/queue";
import { stopMachine } from "@/lib/machines/machine-commands";
import { getMachineDetail } from "@/lib/machines/read-machines";

export const dynamic = "force-dynamic";

export const POST = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => {
  const m = await stopMachine(db, userId, id);
  await enqueueMachineStep(m.id);
  return NextResponse.json(await getMachineDetail(db, userId, id), { status: 202 });
});
