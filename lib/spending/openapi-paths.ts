// OpenAPI 3.1 path items of the spending routes (relative to the /api/v1 server, like the others).
// Same auth as the rest of the API: `Authorization: Bearer <token>` or the browser session.

const err = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const secured = { security: [{ bearer: [] }] };
const group = { type: "object", properties: { key: { type: "string" }, rangeMicros: { type: "integer" }, monthMicros: { type: "integer" }, rateNowMicros: { type: "integer" } } };

export const SPENDING_OPENAPI_PATHS = {
  "/spending": {
    get: {
      ...secured,
      summary: "Spending (UTC): today, this month so far, burn rate now (running and stopped apart), projection to month end, and the range's cost by provider and by machine",
      parameters: [
        { name: "from", in: "query", schema: { type: "string" }, description: "YYYY-MM-DD (a UTC day) or an ISO date-time; default: start of this UTC month" },
        { name: "to", in: "query", schema: { type: "string" }, description: "YYYY-MM-DD (included) or an ISO date-time (excluded); at most 400 days after from" },
      ],
      responses: {
        200: {
          description: "Summary, money in integer micro-dollars",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  todayMicros: { type: "integer" },
                  monthMicros: { type: "integer" },
                  rangeMicros: { type: "integer" },
                  runningRateMicros: { type: "integer", description: "Per hour" },
                  stoppedRateMicros: { type: "integer", description: "Per hour" },
                  projectionMicros: { type: "integer" },
                  byProvider: { type: "array", items: group },
                  byMachine: { type: "array", items: group },
                  machines: { type: "object", additionalProperties: { type: "object" } },
                  range: { type: "object", properties: { from: { type: "string", format: "date-time" }, to: { type: "string", format: "date-time" } } },
                },
              },
            },
          },
        },
        400: err,
        401: err,
      },
    },
  },
  "/spending/intervals": {
    get: {
      ...secured,
      summary: "The usage ledger, oldest first, paged by keyset cursor (or ?format=csv for the whole of it, streamed)",
      parameters: [
        { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor of the previous page" },
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000, default: 100 } },
        { name: "format", in: "query", schema: { type: "string", enum: ["csv"] } },
      ],
      responses: {
        200: {
          description: "{ intervals: [{ id, machineId, machineName, provider, state, ratePerHourMicros, granularity, startedAt, endedAt, costMicros }], nextCursor }",
          content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } },
        },
        400: err,
        401: err,
      },
    },
  },
  "/spending/intervals.csv": { get: { ...secured, summary: "The whole usage ledger as CSV, streamed", responses: { 200: { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } }, 401: err } } },
};
