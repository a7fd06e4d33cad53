import { z } from "zod";

// The spending summary as the Spending page and GET /api/v1/spending see it: the schema is what
// the API document says, the types are derived from it. Money in integer micro-dollars.

const spendGroupSchema = z.object({
  key: z.string(),
  rangeMicros: z.int(),
  monthMicros: z.int(),
  rateNowMicros: z.int(),
});
export type SpendGroup = z.infer<typeof spendGroupSchema>;

export const spendingSummarySchema = z.object({
  todayMicros: z.int(),
  monthMicros: z.int(),
  rangeMicros: z.int(),
  runningRateMicros: z.int().describe("Per hour: what running machines bill right now"),
  stoppedRateMicros: z.int().describe("Per hour: what stopped machines bill right now"),
  projectionMicros: z.int().describe("Month so far + rate now × the hours left in the UTC month"),
  byProvider: z.array(spendGroupSchema),
  byMachine: z.array(spendGroupSchema),
});
export type SpendingSummary = z.infer<typeof spendingSummarySchema>;

const utcRange = z.object({ from: z.iso.datetime(), to: z.iso.datetime() });

export const spendingSummaryDtoSchema = spendingSummarySchema
  .extend({
    now: z.iso.datetime(),
    range: utcRange,
    month: utcRange,
    machines: z
      .record(
        z.string(),
        z.object({ name: z.string(), provider: z.string(), providerLabel: z.string(), status: z.string() }),
      )
      .describe("By machine id"),
    providers: z.record(z.string(), z.string()).describe("Provider labels by slug"),
  })
  .meta({ id: "SpendingSummary" });
export type SpendingSummaryDto = z.infer<typeof spendingSummaryDtoSchema>;
