import { z } from "zod";
import { type ApiOperation, operation, reply } from "@/lib/api/openapi/operation";
import { intervalPageDtoSchema } from "./interval-dto";
import { MAX_RANGE_DAYS } from "./periods";
import { intervalsQuerySchema } from "./schemas";
import { spendingSummaryDtoSchema } from "./summary-dto";

// The spending API: the summary over a UTC range, and the usage ledger paged or as CSV (app/api/v1/spending/…).

/** The range as parseRange (periods.ts) reads it. */
const rangeQuery = z.object({
  from: z.string().optional().describe("YYYY-MM-DD (a UTC day) or an ISO date-time; default: start of this UTC month"),
  to: z
    .string()
    .optional()
    .describe(`YYYY-MM-DD (included) or an ISO date-time (excluded); at most ${MAX_RANGE_DAYS} days after from`),
});

const intervalsQuery = intervalsQuerySchema.extend({
  cursor: intervalsQuerySchema.shape.cursor.describe("nextCursor of the previous page"),
  format: z.enum(["csv"]).optional(),
});

export const SPENDING_API: ApiOperation[] = [
  operation(
    "GET /spending",
    "Spending (UTC): today, this month so far, burn rate now (running and stopped apart), projection to month end, and the range's cost by provider and by machine",
    reply(200, "Summary, money in integer micro-dollars", spendingSummaryDtoSchema),
    { query: rangeQuery, errors: [400, 401] },
  ),
  operation(
    "GET /spending/intervals",
    "The usage ledger, oldest first, paged by keyset cursor (or ?format=csv for the whole of it, streamed)",
    {
      200: {
        description:
          "{ intervals: [{ id, machineId, machineName, provider, state, ratePerHourMicros, granularity, startedAt, endedAt, costMicros }], nextCursor }",
        json: intervalPageDtoSchema,
        csv: true,
      },
    },
    { query: intervalsQuery, errors: [400, 401] },
  ),
  operation(
    "GET /spending/intervals.csv",
    "The whole usage ledger as CSV, streamed",
    { 200: { description: "CSV", csv: true } },
    { errors: [401] },
  ),
];
