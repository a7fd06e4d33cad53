import { NextResponse } from "next/server";
import { readJson, withUser } from "@/lib/api-routes/route-helpers";
import {
  type DeployedMachineDto,
  deployAndQueue,
  getMachineDetail,
  listMachineDtos,
  type MachineListDto,
} from "@/lib/machines";

export const dynamic = "force-dynamic";

export const GET = withUser(async ({ db, userId }, req) => {
  const all = new URL(req.url).searchParams.get("all") === "1";
  return NextResponse.json<MachineListDto>({ machines: await listMachineDtos(db, userId, { includeDestroyed: all }) });
});

/** Deploys a machine: same validation, job and tenancy as the Deploy page. 202: the job has started. */
export const POST = withUser(async ({ db, userId }, req) => {
  const body = await readJson(req);
  if (!body.ok) return body.res;
  const { id, created } = await deployAndQueue(db, userId, body.body);
  const { machine } = await getMachineDetail(db, userId, id);
  return NextResponse.json<DeployedMachineDto>({ machine }, { status: created ? 202 : 200 });
});
