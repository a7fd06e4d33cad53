import { NextResponse } from "next/server";
import { withUser } from "@/lib/api-routes/route-helpers";
import { getProcessesView } from "@/lib/checkpoints";

export const dynamic = "force-dynamic";

/**
 * CUDA processes with their checkpoint state, as last read. Each call keeps the live refresh going
 * for 30 s (a job reads the machine every 2 s while someone looks); `?watch=0` only reads.
 */
export const GET = withUser<{ id: string }>(async ({ db, userId }, req, { id }) => {
  const watch = new URL(req.url).searchParams.get("watch") !== "0";
  return NextResponse.json(await getProcessesView(db, userId, id, { watch }));
});
