import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/api-routes/route-helpers";
import { type QueuedOperationDto, getOperationsView, requestOperation } from "@/lib/checkpoints";

export const dynamic = "force-dynamic";

/** The machine's checkpoint and restore history, newest first. */
export const GET = withUser<{ id: string }>(async ({ db, userId }, _req, { id }) =>
  NextResponse.json(await getOperationsView(db, userId, id)),
);

/** `{ pid, action: "checkpoint" | "restore", criu?: boolean }` → 202 with the queued operation; poll GET for its end. */
export const POST = withUser<{ id: string }>(async ({ db, userId }, req, { id }) => {
  const body = await readJson(req);
  if (!body.ok) return body.res;
  return NextResponse.json<QueuedOperationDto>(
    { operation: await requestOperation(db, userId, id, body.body) },
    { status: 202 },
  );
});
