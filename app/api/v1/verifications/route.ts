import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { verifiedMachinesByProvider } from "@/db/queries/agent";
import type { VerificationsDto } from "@/lib/checkpoints";
import { boot } from "@/lib/server/boot";

export const dynamic = "force-dynamic";

/**
 * How many machines the agent's probe found ready for cuda-checkpoint, per provider, and when last:
 * shown beside each checkpoint badge. Counts only; sandbox machines are counted apart as simulated.
 */
export async function GET() {
  await boot();
  const rows = await verifiedMachinesByProvider(await getDb());
  return NextResponse.json<VerificationsDto>(
    {
      providers: rows.map((r) => ({
        provider: r.provider,
        simulated: r.sandbox,
        machines: r.machines,
        lastAt: r.lastAt?.toISOString() ?? null,
      })),
    },
    { headers: { "Cache-Control": "public, max-age=30" } },
  );
}
