import { z } from "zod";
import { PROVIDER_SLUGS, type Offer } from "@/lib/providers/types";

// A live offer as GET /offers and the resume picker return it. The provider adapters own the Offer
// type; this schema documents it, and the check at the end makes tsc fail when the two part ways.

export const offerDtoSchema = z
  .object({
    id: z.string().describe("What a deploy takes as offerId"),
    provider: z.enum(PROVIDER_SLUGS),
    gpuModel: z.string().describe("One of the catalog's models, or the provider's raw name when it is none of them"),
    gpuName: z.string().describe("The provider's own GPU name"),
    gpuCount: z.int(),
    maxGpuCount: z.int(),
    vramGb: z.number(),
    pricePerHourMicros: z.int().describe("For gpuCount GPUs and listedDiskGb of disk while running: every billed part"),
    stoppedPricePerHourMicros: z
      .int()
      .nullable()
      .describe("What the offer still bills when stopped; null when it cannot be stopped or is unknown"),
    priceParts: z.array(
      z.object({
        label: z.string(),
        rateMicros: z.number().describe("Per hour per unit"),
        per: z.enum(["instance", "gpu", "disk-gb"]),
        whileStopped: z.boolean(),
      }),
    ),
    listedDiskGb: z.number().describe("The disk size the listed prices assume"),
    region: z.string(),
    kind: z.enum(["vm", "container", "bare-metal"]),
    checkpointCapable: z.boolean(),
    available: z.boolean().describe("False when the provider lists the type but reports no stock right now"),
    extra: z
      .record(z.string(), z.unknown())
      .describe("Provider-specific numbers worth showing (vcpus, ram, reliability, raw prices)"),
  })
  .meta({ id: "Offer" });
export type OfferDto = z.infer<typeof offerDtoSchema>;

export const offersResultSchema = z.object({
  source: z.enum(["live", "none"]),
  fetchedAt: z.iso.datetime().nullable(),
  offers: z.array(offerDtoSchema),
  message: z.string().optional().describe("Why there are no live offers (no key, provider down), in words"),
});
export type OffersResult = z.infer<typeof offersResultSchema>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** tsc stops here when Offer and the schema above no longer describe the same object. */
export const OFFER_SCHEMA_MATCHES: Same<Offer, OfferDto> = true;
