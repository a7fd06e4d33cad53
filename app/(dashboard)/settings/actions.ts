"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { getDb, type Db } from "@/db";
import { createApiToken } from "@/lib/settings/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/settings/api-tokens/revoke-api-token";
import { createApiTokenSchema } from "@/lib/settings/api-tokens/schemas";
import { fieldErrors, type FieldErrors } from "@/lib/auth/schemas";
import { requireUser } from "@/lib/auth/session";
import { addProviderKey } from "@/lib/settings/provider-keys/add-provider-key";
import { deleteProviderKey } from "@/lib/settings/provider-keys/delete-provider-key";
import { providerKeySchema } from "@/lib/settings/provider-keys/schemas";
import { recordIdSchema } from "@/lib/record-id";
import { boot } from "@/lib/server/boot";
import { deleteSshKey } from "@/lib/settings/ssh-keys/delete-ssh-key";
import { generateSshKey } from "@/lib/settings/ssh-keys/generate-ssh-key";
import { registerSshKey } from "@/lib/settings/ssh-keys/register-ssh-key";
import { generateSshKeySchema, registerSshKeySchema } from "@/lib/settings/ssh-keys/schemas";

// Every action: zod → requireUser → service → a state the form renders. Nothing thrown by a service
// reaches the browser: unknown failures are logged here and answered with a generic sentence.

export interface SettingsFormState {
  ok?: boolean;
  error?: string;
  fieldErrors?: FieldErrors;
  /** Echoed back so a failed submit keeps what was typed; never a secret. */
  values?: Record<string, string>;
  /** Changes on every success, so the form can clear itself. */
  doneAt?: number;
  message?: string;
}

export interface GenerateSshKeyState extends SettingsFormState {
  key?: { id: string; name: string; publicKey: string; fingerprint: string };
}

export interface CreateApiTokenState extends SettingsFormState {
  /** The token itself, in this one response only. */
  token?: { name: string; plaintext: string };
}

const SETTINGS = "/settings";
const FAILED = "Something went wrong on our side and nothing was changed. Try again in a moment.";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

async function withUser<T extends SettingsFormState>(what: string, fn: (db: Db, userId: string) => Promise<T>): Promise<T | SettingsFormState> {
  // Outside the try: requireUser redirects by throwing, and that must reach Next.
  const user = await requireUser(SETTINGS);
  try {
    await boot();
    return await fn(await getDb(), user.id);
  } catch (err) {
    // Name and message only: services never put secrets in messages, and a stack helps nobody here.
    console.error(`[settings] ${what} failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    return { ok: false, error: FAILED };
  }
}

function invalid<S extends z.ZodType>(schema: S, input: unknown, values?: Record<string, string>): SettingsFormState | null {
  const parsed = schema.safeParse(input);
  return parsed.success ? null : { ok: false, fieldErrors: fieldErrors(parsed.error), values };
}

export async function addProviderKeyAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const input = { provider: text(form, "provider"), apiKey: text(form, "apiKey") };
  // The key is never echoed back: only the provider choice is.
  const values = { provider: input.provider };
  const bad = invalid(providerKeySchema, input, values);
  if (bad) return bad;
  return withUser("saving a provider key", async (db, userId) => {
    const r = await addProviderKey(db, userId, input);
    if (!r.ok) return { ok: false, error: r.error, fieldErrors: r.fieldErrors, values };
    revalidatePath(SETTINGS);
    return { ok: true, doneAt: Date.now(), message: `Saved the ${r.data.label} key ending in ${r.data.last4}.` };
  });
}

export async function deleteProviderKeyAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const id = text(form, "id");
  const bad = invalid(recordIdSchema, id);
  if (bad) return { ok: false, error: "That key was not found." };
  return withUser("deleting a provider key", async (db, userId) => {
    const done = await deleteProviderKey(db, userId, id);
    revalidatePath(SETTINGS);
    return done ? { ok: true, doneAt: Date.now() } : { ok: false, error: "That key was not found. It may have been deleted already." };
  });
}

export async function generateSshKeyAction(_prev: GenerateSshKeyState, form: FormData): Promise<GenerateSshKeyState> {
  const input = { name: text(form, "name") };
  const bad = invalid(generateSshKeySchema, input, input);
  if (bad) return bad;
  return withUser("generating an SSH key", async (db, userId): Promise<GenerateSshKeyState> => {
    const r = await generateSshKey(db, userId, input);
    if (!r.ok) return { ok: false, error: r.error, fieldErrors: r.fieldErrors, values: input };
    revalidatePath(SETTINGS);
    const { id, name, publicKey, fingerprint } = r.data;
    return { ok: true, doneAt: Date.now(), key: { id, name, publicKey, fingerprint } };
  });
}

export async function registerSshKeyAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const input = { name: text(form, "name"), publicKey: text(form, "publicKey") };
  const bad = invalid(registerSshKeySchema, input, input);
  if (bad) return bad;
  return withUser("registering an SSH key", async (db, userId) => {
    const r = await registerSshKey(db, userId, input);
    if (!r.ok) {
      // A private key pasted by mistake is not sent back to the page (nor kept anywhere).
      const values = r.privateKeyPasted ? { name: input.name, publicKey: "" } : input;
      return { ok: false, error: r.error, fieldErrors: r.fieldErrors, values };
    }
    revalidatePath(SETTINGS);
    return { ok: true, doneAt: Date.now(), message: `Registered “${r.data.name}” (${r.data.fingerprint}).` };
  });
}

export async function deleteSshKeyAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const id = text(form, "id");
  if (invalid(recordIdSchema, id)) return { ok: false, error: "That key was not found." };
  return withUser("deleting an SSH key", async (db, userId) => {
    const done = await deleteSshKey(db, userId, id);
    revalidatePath(SETTINGS);
    return done ? { ok: true, doneAt: Date.now() } : { ok: false, error: "That key was not found. It may have been deleted already." };
  });
}

export async function createApiTokenAction(_prev: CreateApiTokenState, form: FormData): Promise<CreateApiTokenState> {
  const input = { name: text(form, "name") };
  const bad = invalid(createApiTokenSchema, input, input);
  if (bad) return bad;
  return withUser("creating an API token", async (db, userId): Promise<CreateApiTokenState> => {
    const r = await createApiToken(db, userId, input);
    if (!r.ok) return { ok: false, error: r.error, fieldErrors: r.fieldErrors, values: input };
    revalidatePath(SETTINGS);
    return { ok: true, doneAt: Date.now(), token: { name: r.data.token.name, plaintext: r.data.plaintext } };
  });
}

export async function revokeApiTokenAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const id = text(form, "id");
  if (invalid(recordIdSchema, id)) return { ok: false, error: "That token was not found." };
  return withUser("revoking an API token", async (db, userId) => {
    const done = await revokeApiToken(db, userId, id);
    revalidatePath(SETTINGS);
    return done ? { ok: true, doneAt: Date.now() } : { ok: false, error: "That token was not found or is already revoked." };
  });
}
