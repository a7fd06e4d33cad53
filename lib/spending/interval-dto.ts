import { z } from "zod";

/** One interval of the usage ledger, costed (an open one up to now). */
export const intervalDtoSchema = z.object({
  id: z.string(),
  machineId: z.string(),
  machineName: z.string(),
  provider: z.string(),
  state: z.string().describe("running or stopped: what the machine was billed as"),
  ratePerHourMicros: z.int(),
  granularity: z.string().describe("second, minute or hour: what a started unit bills"),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable().describe("Null while it bills"),
  costMicros: z.int(),
});

/** One page of the ledger, oldest first. */
export const intervalPageDtoSchema = z.object({
  intervals: z.array(intervalDtoSchema),
  nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last one"),
});
export type IntervalPageDto = z.infer<typeof intervalPageDtoSchema>;
