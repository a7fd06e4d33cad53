import { z } from "zod";

export const keyNameSchema = z
  .string({ error: "Give the key a name." })
  .trim()
  .min(1, "Give the key a name.")
  .max(60, "Use at most 60 characters.")
  .regex(/^[^\x00-\x1F\x7F]+$/, "Use letters, digits, spaces and punctuation only.");

export const generateSshKeySchema = z.object({ name: keyNameSchema });

export const registerSshKeySchema = z.object({
  name: keyNameSchema,
  publicKey: z
    .string({ error: "Paste the public key." })
    .trim()
    .min(1, "Paste the public key.")
    // Large enough for an RSA-16384 line with a comment; anything longer is not a public key.
    .max(16_000, "That is too long to be a public key."),
});
