import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listCatalog } from "@/db/queries/catalog";
import type { CatalogDto } from "@/lib/catalog/api-spec";
import { boot } from "@/lib/server/boot";

export const dynamic = "force-dynamic";

/** The whole catalog as stored in the database, for scripts. Money is integer micro-dollars. */
export async function GET() {
  await boot();
  const providers = await listCatalog(await getDb());
  return NextResponse.json<CatalogDto>(
    { currency: "USD", unit: "micro-dollars per GPU-hour", providers },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}
