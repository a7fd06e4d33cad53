// The API document of the whole app: every feature's operations in one list. It sits above the features
// (it imports each one's api-spec.ts), so it has its own folder; lib/api holds what the features share.
import { CATALOG_API } from "@/lib/catalog/api-spec";
import { CHECKPOINTS_API } from "@/lib/checkpoints";
import { HIBERNATE_API } from "@/lib/hibernate";
import { LIVE_PRICES_API } from "@/lib/live-prices/api-spec";
import { MACHINES_API } from "@/lib/machines";
import { SSH_KEYS_API } from "@/lib/settings";
import { SPENDING_API } from "@/lib/spending";
import { OPENAPI_API } from "./api-spec";
import type { ApiOperation } from "@/lib/api/openapi/operation";

/** Every operation of /api/v1, feature by feature, in the document's order. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...CATALOG_API,
  ...LIVE_PRICES_API,
  ...MACHINES_API,
  ...SSH_KEYS_API,
  ...CHECKPOINTS_API,
  ...SPENDING_API,
  ...HIBERNATE_API,
  ...OPENAPI_API,
];
