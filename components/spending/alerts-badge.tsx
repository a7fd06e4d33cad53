import "server-only";
import Link from "next/link";
import { getDb } from "@/db";
import { countUnreadAlerts } from "@/db/queries/spending";

/** The header's count of unread budget alerts (server-rendered; nothing when there are none). */
export async function AlertsBadge({ userId }: { userId: string }) {
  let n = 0;
  try {
    n = await countUnreadAlerts(await getDb(), userId);
  } catch {
    return null; // before migrations ran, or the database is away: the header still renders
  }
  if (n === 0) return null;
  return (
    <Link
      href="/spending#alerts"
      className="rounded-full bg-rose-700 px-2 py-0.5 text-xs font-semibold text-white"
      data-testid="alerts-badge"
    >
      {n} budget alert{n > 1 ? "s" : ""}
    </Link>
  );
}
