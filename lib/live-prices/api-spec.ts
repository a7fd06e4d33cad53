import { type ApiOperation, operation, reply } from "@/lib/api/openapi/operation";
import { livePricesResponseSchema } from "@/lib/catalog/live";

// Today's prices for the public pages and scripts (app/api/v1/live-prices).

export const LIVE_PRICES_API: ApiOperation[] = [
  operation(
    "GET /live-prices",
    "Today's lowest price per GPU-hour per provider and GPU model, with when each was read (no sign-in); refreshed every 15 minutes",
    reply(
      200,
      "{ refreshEverySeconds, prices: [{ provider, gpu, perGpuHourMicros, offers, asOf, stale }], providers: [{ provider, status, checkedAt }] }",
      livePricesResponseSchema,
    ),
    { public: true },
  ),
];
