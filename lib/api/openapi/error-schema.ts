import { z } from "zod";

/** Every error answer of the API (lib/api-routes/route-helpers.ts jsonError). */
export const apiErrorSchema = z
  .object({
    error: z.string().describe("What went wrong, for people"),
    fieldErrors: z.record(z.string(), z.string()).optional().describe("Per request field, what to fix"),
  })
  .meta({ id: "Error" });
