import { NextResponse } from "next/server";
import { OPENAPI } from "@/lib/api/openapi";
import { AGENT_OPENAPI_PATHS } from "@/lib/checkpoints/openapi-paths";
import { HIBERNATE_OPENAPI_PATHS } from "@/lib/hibernate/openapi-paths";
import { SPENDING_OPENAPI_PATHS } from "@/lib/spending/openapi-paths";

export const dynamic = "force-static";

// The agent's paths are written with the /api/v1 prefix; the document's server already has it.
const paths = { ...OPENAPI.paths, ...Object.fromEntries(Object.entries(AGENT_OPENAPI_PATHS).map(([k, v]) => [k.replace(/^\/api\/v1/, ""), v])), ...SPENDING_OPENAPI_PATHS, ...HIBERNATE_OPENAPI_PATHS };

export function GET() {
  return NextResponse.json({ ...OPENAPI, paths });
}
