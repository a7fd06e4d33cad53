import { z } from "zod";
import { SUPPORTED_PROVIDERS } from "@/lib/providers";

/** Where to resume a hibernated image: an offer from GET /hibernations/{id}/offers. */
export const resumeSchema = z.object({
  provider: z.enum(SUPPORTED_PROVIDERS, { error: "Choose a provider." }),
  offerId: z
    .string({ error: "Pick an offer." })
    .trim()
    .min(1, "Pick an offer.")
    .max(200)
    .regex(/^[\x20-\x7e]+$/, "Pick an offer from the list."),
});
