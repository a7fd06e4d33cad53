import { withUser } from "@/lib/api-routes/route-helpers";
import { intervalsCsvResponse } from "@/lib/spending";

export const dynamic = "force-dynamic";

/** Every interval of the usage ledger as CSV, streamed page by page (a million rows never sit in memory). */
export const GET = withUser(async ({ db, userId }) => intervalsCsvResponse(db, userId));
