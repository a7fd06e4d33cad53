"use server";

// Sign-up, sign-in and sign-out forms. Apart from lib/auth (sessions, passwords, the throttle) because
// these forms are built on the action wrapper, which itself needs the session from lib/auth.

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db";
import { publicFormAction } from "@/lib/actions/run-action";
import { DomainError, isDomainError } from "@/lib/errors";
import { clientAddress } from "@/lib/http/client-address";
import { signIn, signOut } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { signInSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import {
  recordAccountCreated,
  recordFailure,
  recordSuccess,
  retryAfterSeconds,
  signUpKeys,
  throttleKeys,
} from "@/lib/auth/throttle";

const WRONG = "That email and password do not match an account.";

async function clientIp(): Promise<string> {
  return clientAddress(await headers());
}

// A failed submit keeps what the user typed, never the password.
const typedEmail = (v: { email: string }) => ({ email: v.email.slice(0, 254) });

export const signInAction = publicFormAction({
  context: "sign-in",
  schema: signInSchema.extend({ callbackUrl: z.string() }),
  echo: typedEmail,
  run: async ({ email, password, callbackUrl }) => {
    const db = await getDb();
    const keys = throttleKeys(email, await clientIp());
    const wait = await retryAfterSeconds(db, keys);
    if (wait > 0) throw new DomainError("rate_limited", `Too many failed attempts. Try again in ${wait} seconds.`);
    try {
      await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callbackUrl) });
    } catch (err) {
      // signIn redirects by throwing (the wrapper lets that through); only Auth.js's own errors mean "wrong credentials".
      if (err instanceof AuthError) {
        await recordFailure(db, keys);
        throw new DomainError("invalid", WRONG);
      }
      await recordSuccess(db, email);
      throw err;
    }
    return {};
  },
});

export const signUpAction = publicFormAction({
  context: "sign-up",
  // Validated by signUp, after the throttle: a blocked address learns nothing about the input.
  fields: ["name", "email", "password", "callbackUrl"],
  echo: (v) => ({ ...typedEmail(v), name: v.name.slice(0, 100) }),
  run: async ({ name, email, password, callbackUrl }) => {
    const db = await getDb();
    const ip = await clientIp();
    const keys = signUpKeys(ip);
    // Sign-up is throttled per address too, so it cannot be used to probe which emails exist at speed
    // (failures) or to mint accounts at speed (accounts created).
    const wait = await retryAfterSeconds(db, [keys.failures]);
    if (wait > 0)
      throw new DomainError("rate_limited", `Too many attempts from your address. Try again in ${wait} seconds.`);
    const waitNew = await retryAfterSeconds(db, [keys.created]);
    if (waitNew > 0)
      throw new DomainError(
        "rate_limited",
        `Too many new accounts from your address. Try again in ${waitNew} seconds.`,
      );
    const account = await signUp(db, { name, email, password }).catch(async (e: unknown) => {
      if (isDomainError(e) && e.code === "conflict") await recordFailure(db, [keys.failures]);
      throw e;
    });
    await recordAccountCreated(db, ip);
    await signIn("credentials", { email: account.email, password, redirectTo: safeCallbackPath(callbackUrl) });
    return {};
  },
});

export const signOutAction = publicFormAction({
  context: "sign-out",
  fields: [],
  run: async () => {
    await signOut({ redirectTo: "/" });
    return {};
  },
});
