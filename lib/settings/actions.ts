"use server";

import { getDb, type Db } from "@/db";
import { formAction } from "@/lib/actions/run-action";
import { DomainError, isDomainError } from "@/lib/errors";
import { recordIdSchema } from "@/lib/record-id";
import { createApiToken } from "./api-tokens/create-api-token";
import { revokeApiToken } from "./api-tokens/revoke-api-token";
import { createApiTokenSchema } from "./api-tokens/schemas";
import { addProviderKey } from "./provider-keys/add-provider-key";
import { deleteProviderKey } from "./provider-keys/delete-provider-key";
import { providerKeySchema } from "./provider-keys/schemas";
import { deleteSshKey } from "./ssh-keys/delete-ssh-key";
import { generateSshKey } from "./ssh-keys/generate-ssh-key";
import { PRIVATE_KEY_PASTED } from "./ssh-keys/parse-public-key";
import { registerSshKey } from "./ssh-keys/register-ssh-key";
import { generateSshKeySchema, registerSshKeySchema } from "./ssh-keys/schemas";

// The settings forms: zod → the signed-in user → the service → what the form shows. Sign-in comes
// back to the settings page.
const SETTINGS = { revalidate: ["/settings"], returnTo: "/settings" };

/**
 * A confirm dialog's action on one record, by the id in its form: "not found" without a query when
 * the id cannot be one of ours, and `gone` when the service finds nothing to change.
 */
function recordAction(
  context: string,
  change: (db: Db, userId: string, id: string) => Promise<boolean>,
  notFound: string,
  gone: string,
) {
  return formAction({
    ...SETTINGS,
    context,
    fields: ["id"],
    run: async ({ id }, userId) => {
      if (!recordIdSchema.safeParse(id).success) throw new DomainError("not_found", notFound);
      if (!(await change(await getDb(), userId, id))) throw new DomainError("not_found", gone);
      return {};
    },
  });
}

export const addProviderKeyAction = formAction({
  ...SETTINGS,
  context: "saving a provider key",
  schema: providerKeySchema,
  // The key is never echoed back: only the provider choice is.
  echo: ({ provider }) => ({ provider }),
  run: async (input, userId) => {
    const key = await addProviderKey(await getDb(), userId, input);
    return { message: `Saved the ${key.label} key ending in ${key.last4}.` };
  },
});

export const deleteProviderKeyAction = recordAction(
  "deleting a provider key",
  deleteProviderKey,
  "That key was not found.",
  "That key was not found. It may have been deleted already.",
);

export const generateSshKeyAction = formAction({
  ...SETTINGS,
  context: "generating an SSH key",
  schema: generateSshKeySchema,
  run: async (input, userId) => {
    const { id, name, publicKey, fingerprint } = await generateSshKey(await getDb(), userId, input);
    return { data: { id, name, publicKey, fingerprint } };
  },
});

export const registerSshKeyAction = formAction({
  ...SETTINGS,
  context: "registering an SSH key",
  schema: registerSshKeySchema,
  // A private key pasted by mistake is not sent back to the page (nor kept anywhere).
  echo: (values, e) =>
    isDomainError(e) && e.fieldErrors?.publicKey === PRIVATE_KEY_PASTED ? { name: values.name } : values,
  run: async (input, userId) => {
    const key = await registerSshKey(await getDb(), userId, input);
    return { message: `Registered “${key.name}” (${key.fingerprint}).` };
  },
});

export const deleteSshKeyAction = recordAction(
  "deleting an SSH key",
  deleteSshKey,
  "That key was not found.",
  "That key was not found. It may have been deleted already.",
);

export const createApiTokenAction = formAction({
  ...SETTINGS,
  context: "creating an API token",
  schema: createApiTokenSchema,
  run: async (input, userId) => {
    const { token, plaintext } = await createApiToken(await getDb(), userId, input);
    // The token itself, in this one response only.
    return { data: { name: token.name, plaintext } };
  },
});

export const revokeApiTokenAction = recordAction(
  "revoking an API token",
  revokeApiToken,
  "That token was not found.",
  "That token was not found or is already revoked.",
);
