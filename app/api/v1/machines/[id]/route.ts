import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { destroyAndQueue, getMachineDetail } from "@/lib/machines";

export const dynamic = "force-dynamic";

export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) =>
  NextResponse.json(await getMachineDetail(db, userId, id)),
);

/** Destroys the machine (ends billing, erases its disk). `?confirm=<name>` is checked when given. */
export const DELETE = withUser<{ id: string }>(async ({ db, userId }, req, { id }) => {
  const confirm = new URL(req.url).searchParams.get("confirm");
  await destroyAndQueue(db, userId, id, confirm);
  return NextResponse.json(await getMachineDetail(db, userId, id), { status: 202 });
});
