import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { readLivePrices } from "@/lib/live-prices/read";
import { boot } from "@/lib/server/boot";

export const dynamic = "force-dynamic";

/**
 * Today's prices for the public pages and scripts: no sign-in, cacheable for a minute.
 *
 * Why the pages fetch this in the browser instead of rendering the prices with ISR: the public pages
 * stay plain prerendered HTML, built without a database (the build reads none) and served like static
 * files, which is what keeps the compare page close to a static server; the seed prices are in that
 * HTML from the first byte and the live figures join them a moment later. ISR would make the first
 * visit after each minute render on the server and read the database, and a build would need one.
 * Prices are refreshed every 15 minutes, so a minute of caching here loses nothing.
 */
export async function GET() {
  await boot();
  const body = await readLivePrices(await getDb());
  return NextResponse.json(body, { headers: { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } });
}
