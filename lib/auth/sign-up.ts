import "server-only";
import type { Db } from "@/db";
import { insertUser } from "@/db/queries/users";
import { DomainError, invalidInput } from "@/lib/errors";
import { hashPassword } from "./password";
import { signUpSchema } from "./schemas";

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";

/**
 * Validates and creates an account; returns the normalised email. Bad input and a taken email are
 * DomainErrors with field messages, never a crash or a second row.
 */
export async function signUp(db: Db, input: unknown): Promise<{ email: string }> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { email, password, name } = parsed.data;
  const created = await insertUser(db, {
    id: crypto.randomUUID(),
    email,
    name: name || null,
    passwordHash: await hashPassword(password),
  });
  if (!created) throw new DomainError("conflict", EMAIL_TAKEN, { email: EMAIL_TAKEN });
  return { email };
}
