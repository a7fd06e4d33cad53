import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listProviderCredentials } from "@/db/queries/credentials";
import { providerCredentials } from "@/db/schema";
import { SecretKeyLostError } from "@/lib/crypto/seal";
import { DomainError } from "@/lib/errors";
import { useRandomSecretKey } from "@/test/file-env";
import { useSandboxEnv } from "@/test/sandbox-env";
import { availableDrivers } from "@/test/test-db";
import { useTestDbWithUsers } from "@/test/use-test-db";
import { addProviderKey } from "./add-provider-key";
import { deleteProviderKey } from "./delete-provider-key";
import { getProviderKey } from "./get-provider-key";
import { listProviderKeys } from "./list-provider-keys";

useSandboxEnv();
useRandomSecretKey();

describe.each(await availableDrivers())("provider keys on %s", (driver) => {
  const { t, alice, bob } = useTestDbWithUsers(driver, "alice", "bob");

  it("checks a good key with the provider, seals it, and shows only its last four characters", async () => {
    const key = "  sbx-good-key-TensorDock-1234wxyz  ";
    const r = await addProviderKey(t.db, alice, { provider: "tensordock", apiKey: key });
    expect(r).toMatchObject({ provider: "tensordock", label: "TensorDock", last4: "wxyz", readable: true });
    expect(JSON.stringify(r)).not.toContain("sbx-good-key");
    const listed = await listProviderKeys(t.db, alice);
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "id", "label", "last4", "provider", "readable"]);
    // At rest it is sealed: the row does not contain the key.
    const [row] = await t.db.select().from(providerCredentials);
    expect(row!.sealedKey).toMatch(/^v1\./);
    expect(row!.sealedKey).not.toContain("sbx-good-key");
    expect(await getProviderKey(t.db, alice, "tensordock")).toBe(key.trim());
    expect(await getProviderKey(t.db, alice, "vastai")).toBeNull();
  });

  it("replaces the key when the same provider is saved again (one per user and provider)", async () => {
    const first = await listProviderKeys(t.db, alice);
    const r = await addProviderKey(t.db, alice, { provider: "tensordock", apiKey: "sbx-second-key-5678" });
    expect(r).toMatchObject({ last4: "5678", id: first[0]!.id });
    expect(await listProviderKeys(t.db, alice)).toHaveLength(1);
    expect(await getProviderKey(t.db, alice, "tensordock")).toBe("sbx-second-key-5678");
  });

  it("refuses a key the provider rejects, says so on the key field, and stores nothing", async () => {
    const r = await addProviderKey(t.db, alice, { provider: "vastai", apiKey: "bad-key-vast-0000" }).catch(
      (e: unknown) => e,
    );
    expect(r).toBeInstanceOf(DomainError);
    const apiKeyError = (r as DomainError).fieldErrors?.apiKey;
    expect(apiKeyError).toMatch(/^Vast\.ai rejected this key: /);
    expect(apiKeyError).not.toContain("bad-key-vast-0000");
    expect((r as DomainError).message).not.toContain("bad-key-vast-0000");
    expect((await listProviderKeys(t.db, alice)).map((k) => k.provider)).toEqual(["tensordock"]);
    expect(await getProviderKey(t.db, alice, "vastai")).toBeNull();
  });

  it("validates input before calling anyone", async () => {
    await expect(addProviderKey(t.db, alice, { provider: "aws", apiKey: "x" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: {
        provider: "Choose a provider from the list.",
        apiKey: "That is too short for an API key: paste the whole key.",
      },
    });
    await expect(addProviderKey(t.db, alice, { provider: "runpod", apiKey: "abc\ndefghijk" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { apiKey: expect.stringContaining("without line breaks") },
    });
    await expect(addProviderKey(t.db, alice, { provider: "runpod", apiKey: "x".repeat(501) })).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("says a provider that does not answer did not answer, and stores nothing", async () => {
    const saved = process.env.DUMONT_LAMBDA_API_URL;
    process.env.DUMONT_LAMBDA_API_URL = "http://127.0.0.1:1/lambda/api/v1";
    try {
      const r = await addProviderKey(t.db, alice, { provider: "lambda", apiKey: "sbx-good-lambda-key" }).catch(
        (e: unknown) => e,
      );
      expect(r).toBeInstanceOf(DomainError);
      expect(r).toMatchObject({
        message: "Lambda did not answer; try again in a minute. The key was not saved.",
        fieldErrors: undefined,
      });
    } finally {
      process.env.DUMONT_LAMBDA_API_URL = saved;
    }
    expect(await getProviderKey(t.db, alice, "lambda")).toBeNull();
  });

  it("keeps users apart: another user cannot see, read or delete a key by its id", async () => {
    const [aliceKey] = await listProviderKeys(t.db, alice);
    expect(await listProviderKeys(t.db, bob)).toEqual([]);
    expect(await getProviderKey(t.db, bob, "tensordock")).toBeNull();
    expect(await deleteProviderKey(t.db, bob, aliceKey!.id)).toBe(false);
    expect(await listProviderKeys(t.db, alice)).toHaveLength(1);
    // Bob's own key for the same provider is his own row.
    await expect(
      addProviderKey(t.db, bob, { provider: "tensordock", apiKey: "sbx-bobs-key-9999" }),
    ).resolves.toMatchObject({ last4: "9999" });
    expect(await getProviderKey(t.db, alice, "tensordock")).toBe("sbx-second-key-5678");
  });

  it("a sealed key moved to another user's row does not open there", async () => {
    const [row] = await t.db.select().from(providerCredentials).where(eq(providerCredentials.userId, alice));
    await t.db
      .update(providerCredentials)
      .set({ sealedKey: row!.sealedKey })
      .where(and(eq(providerCredentials.userId, bob), eq(providerCredentials.provider, "tensordock")));
    await expect(getProviderKey(t.db, bob, "tensordock")).rejects.toThrow(/damaged/);
  });

  it("after the secret key changes, lists the keys as unreadable, and they can be deleted and entered again", async () => {
    const saved = process.env.DUMONT_SECRET_KEY;
    process.env.DUMONT_SECRET_KEY = crypto.randomBytes(32).toString("hex");
    try {
      const listed = await listProviderKeys(t.db, alice);
      expect(listed.map((k) => k.readable)).toEqual([false]);
      await expect(getProviderKey(t.db, alice, "tensordock")).rejects.toBeInstanceOf(SecretKeyLostError);
      const r = await addProviderKey(t.db, alice, { provider: "tensordock", apiKey: "sbx-third-key-abcd" });
      expect(r).toMatchObject({ readable: true, last4: "abcd" });
      expect(await getProviderKey(t.db, alice, "tensordock")).toBe("sbx-third-key-abcd");
    } finally {
      process.env.DUMONT_SECRET_KEY = saved;
    }
  });

  it("deletes the user's own key", async () => {
    const [k] = await listProviderKeys(t.db, alice);
    expect(await deleteProviderKey(t.db, alice, k!.id)).toBe(true);
    expect(await deleteProviderKey(t.db, alice, k!.id)).toBe(false);
    expect(await listProviderCredentials(t.db, alice)).toEqual([]);
  });
});
