import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { enqueueMachineStep } from "@/lib/machines";
import { destroyMachine } from "@/lib/machines";
import { getMachineDetail } from "@/lib/machines";

export const dynamic = "force-dynamic";

export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) => NextResponse.json(await getMachineDetail(db, userId, id)));

/** Destroys the machine (ends billing, erases its disk). `?confirm=<name>` is checked when given. */
export const DELETE = withUser<{ id: string }>(async ({ db, userId }, req, { id }) => {
  const confirm = new URL(req.url).searchParams.get("confirm");
  const m = await destroyMachine(db, userId, id, confirm);
  if (m.status === "destroying") await enqueueMachineStep(m.id);
  return NextResponse.json(await getMachineDetail(db, userId, id), { status: 202 });
});
