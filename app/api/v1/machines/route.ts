import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/api-routes/route-helpers";
import type { DeployedMachineDto, MachineListDto } from "@/lib/machines";
import { enqueueMachineStep } from "@/lib/machines";
import { deployMachine } from "@/lib/machines";
import { getMachineDetail, listMachineDtos } from "@/lib/machines";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ db, userId }, req) => {
  const all = new URL(req.url).searchParams.get("all") === "1";
  return NextResponse.json<MachineListDto>({ machines: await listMachineDtos(db, userId, { includeDestroyed: all }) });
});

/** Deploys a machine: same validation, job and tenancy as the Deploy page. 202: the job has started. */
export const POST = withUser(async ({ db, userId }, req) => {
  const body = await readJson(req);
  if (!body.ok) return body.res;
  const { id, created } = await deployMachine(db, userId, body.body);
  if (created) await enqueueMachineStep(id);
  const { machine } = await getMachineDetail(db, userId, id);
  return NextResponse.json<DeployedMachineDto>({ machine }, { status: created ? 202 : 200 });
});
