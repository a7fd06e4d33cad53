import { NextResponse } from "next/server";
import { getHandle } from "@/db";
import { databaseKind } from "@/lib/env";
import { boot } from "@/lib/server/boot";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

/** `{ ok, database, version }`: ok is false (503) when the database does not answer. */
export async function GET() {
  try {
    await boot();
    const h = await getHandle();
    await h.query("select 1", []);
    return NextResponse.json({ ok: true, database: h.kind, version: pkg.version });
  } catch {
    return NextResponse.json(
      { ok: false, database: databaseKind(), version: pkg.version, error: "The database is not answering." },
      { status: 503 },
    );
  }
}
