"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "@/db";
import { signIn, signOut } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { fieldErrors, signInSchema, type FieldErrors } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { recordAccountCreated, recordFailure, recordSuccess, retryAfterSeconds, signUpKeys, throttleKeys } from "@/lib/auth/throttle";
import { boot } from "@/lib/server/boot";
import { clientAddress } from "@/lib/http/client-address";

export interface AuthFormState {
  errors?: FieldErrors;
  /** Echoed back so a failed submit keeps what the user typed (never the password). */
  values?: { email?: string; name?: string };
}

const WRONG = "That email and password do not match an account.";

async function clientIp(): Promise<string> {
  return clientAddress(await headers());
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const raw = { email: form.get("email"), password: form.get("password") };
  const values = { email: typeof raw.email === "string" ? raw.email.slice(0, 254) : "" };
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { errors: fieldErrors(parsed.error), values };
  await boot();
  const db = await getDb();
  const keys = throttleKeys(parsed.data.email, await clientIp());
  const wait = await retryAfterSeconds(db, keys);
  if (wait > 0) return { errors: { form: `Too many failed attempts. Try again in ${wait} seconds.` }, values };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(form.get("callbackUrl")),
    });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js's own errors mean "wrong credentials".
    if (err instanceof AuthError) {
      await recordFailure(db, keys);
      return { errors: { form: WRONG }, values };
    }
    await recordSuccess(db, parsed.data.email);
    throw err;
  }
  return {};
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const input = { name: form.get("name") ?? "", email: form.get("email"), password: form.get("password") };
  const values = { email: typeof input.email === "string" ? input.email.slice(0, 254) : "", name: typeof input.name === "string" ? input.name.slice(0, 100) : "" };
  await boot();
  const db = await getDb();
  const ip = await clientIp();
  const keys = signUpKeys(ip);
  // Sign-up is throttled per address too, so it cannot be used to probe which emails exist at speed
  // (failures) or to mint accounts at speed (accounts created).
  const wait = await retryAfterSeconds(db, [keys.failures]);
  if (wait > 0) return { errors: { form: `Too many attempts from your address. Try again in ${wait} seconds.` }, values };
  const waitNew = await retryAfterSeconds(db, [keys.created]);
  if (waitNew > 0) return { errors: { form: `Too many new accounts from your address. Try again in ${waitNew} seconds.` }, values };
  const result = await signUp(db, input);
  if (!result.ok) {
    if (result.errors.email?.startsWith("An account")) await recordFailure(db, [keys.failures]);
    return { errors: result.errors, values };
  }
  await recordAccountCreated(db, ip);
  await signIn("credentials", { email: result.email, password: String(input.password), redirectTo: safeCallbackPath(form.get("callbackUrl")) });
  return {};
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
