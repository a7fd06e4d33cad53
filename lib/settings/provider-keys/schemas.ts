import { z } from "zod";
import { PROVIDER_SLUGS } from "@/lib/providers/types";

export const providerSchema = z.enum(PROVIDER_SLUGS, { error: "Choose a provider from the list." });

export const providerKeySchema = z.object({
  provider: providerSchema,
  apiKey: z
    .string({ error: "Paste the API key." })
    .trim()
    .min(1, "Paste the API key.")
    .min(8, "That is too short for an API key: paste the whole key.")
    .max(500, "That is too long for an API key (500 characters at most).")
    // Keys are printable ASCII; a line break or smart quote means something else was pasted with it.
    .regex(/^[\x20-\x7E]+$/, "Paste only the key: letters, digits and punctuation, without line breaks."),
});

export type ProviderKeyInput = z.infer<typeof providerKeySchema>;
