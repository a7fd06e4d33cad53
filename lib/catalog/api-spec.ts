import { z } from "zod";
import { type ApiOperation, operation, reply } from "@/lib/api/openapi/operation";
import type { ProviderEntry } from "./types";

// The public catalog (app/api/v1/catalog).

export const catalogDtoSchema = z.object({
  currency: z.literal("USD"),
  unit: z.literal("micro-dollars per GPU-hour"),
  // ProviderEntry is a large nested type kept with the catalog's data; restating it here field by
  // field would be a second copy with nothing to hold it to the first, so its parts are named in words.
  providers: z.array(
    z
      .custom<ProviderEntry>()
      .describe(
        "A provider's entry: name, type, GPU prices, billing granularity, what a stopped machine bills, checkpoint evidence with sources, pros and cons",
      ),
  ),
});
export type CatalogDto = z.infer<typeof catalogDtoSchema>;

export const CATALOG_API: ApiOperation[] = [
  operation(
    "GET /catalog",
    "The GPU cloud catalog (providers, prices, checkpoint evidence)",
    reply(200, "Catalog", catalogDtoSchema),
    { public: true },
  ),
];
