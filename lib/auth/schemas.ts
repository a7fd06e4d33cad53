import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

export const signUpSchema = z.object({
  // No control characters: a NUL cannot be stored (the insert failed with a 500).
  name: z
    .string()
    .trim()
    .max(100, "Use at most 100 characters.")
    .regex(/^[^\x00-\x1F\x7F]*$/, "Use letters, digits, spaces and punctuation only.")
    .optional()
    .default(""),
  email: emailSchema,
  password: z
    .string({ error: "Choose a password." })
    .min(10, "Use at least 10 characters.")
    .max(200, "Use at most 200 characters."),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "Use at most 200 characters."),
});
