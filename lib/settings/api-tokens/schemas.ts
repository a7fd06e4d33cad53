import { z } from "zod";

export const createApiTokenSchema = z.object({
  name: z
    .string({ error: "Name the token after what will use it." })
    .trim()
    .min(1, "Name the token after what will use it.")
    .max(60, "Use at most 60 characters.")
    .regex(/^[^\x00-\x1F\x7F]+$/, "Use letters, digits, spaces and punctuation only."),
});
