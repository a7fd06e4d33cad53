import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { API_OPERATIONS } from "@/lib/openapi/operations";

export const dynamic = "force-static";

export function GET() {
  return NextResponse.json(buildOpenApiDocument(API_OPERATIONS));
}
