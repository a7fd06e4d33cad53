import "server-only";
import type { Db } from "@/db";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "./password";
import { fieldErrors, signUpSchema, type FieldErrors } from "./schemas";

export type SignUpResult = { ok: true; email: string } | { ok: false; errors: FieldErrors };

/** Validates and creates an account. A taken email is a field error, never a crash or a second row. */
export async function signUp(db: Db, input: unknown): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const { email, password, name } = parsed.data;
  const created = await insertUser(db, { id: crypto.randomUUID(), email, name: name || null, passwordHash: await hashPassword(password) });
  if (!created) return { ok: false, errors: { email: "An account with this email already exists. Sign in instead." } };
  return { ok: true, email };
}
