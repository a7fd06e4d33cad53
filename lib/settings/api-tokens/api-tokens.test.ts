import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens } from "@/db/schema";
import { useSandboxEnv } from "@/test/sandbox-env";
import { availableDrivers } from "@/test/test-db";
import { useTestDbWithUsers } from "@/test/use-test-db";
import { authenticateBearer } from "./authenticate-token";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";
import { hashToken } from "./token-format";

useSandboxEnv();

describe.each(await availableDrivers())("personal API tokens on %s", (driver) => {
  const { t, alice, bob } = useTestDbWithUsers(driver, "alice", "bob");

  const create = (userId: string, name: string) => createApiToken(t.db, userId, { name });

  it("creates a dcl_ token, returns it once, and stores only its hash and prefix", async () => {
    const { token, plaintext } = await create(alice, "CI deploys");
    expect(plaintext).toMatch(/^dcl_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({
      id: expect.any(String),
      name: "CI deploys",
      prefix: plaintext.slice(0, 12),
      createdAt: expect.any(Date),
      lastUsedAt: null,
      revokedAt: null,
    });
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).toBe(hashToken(plaintext));
    expect(JSON.stringify(row)).not.toContain(plaintext);
    const listed = await listApiTokens(t.db, alice);
    expect(listed).toEqual([token]);
    expect(JSON.stringify(listed)).not.toContain(plaintext);
    await expect(createApiToken(t.db, alice, { name: "" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: "Name the token after what will use it." },
    });
  });

  it("authenticates a Bearer token, and records its use at most once a minute", async () => {
    const { token, plaintext } = await create(alice, "script");
    const t0 = new Date("2030-01-01T00:00:00Z");
    expect(await authenticateBearer(t.db, `Bearer ${plaintext}`, t0)).toEqual({ userId: alice, tokenId: token.id });
    const used = async () =>
      (await listApiTokens(t.db, alice)).find((x) => x.id === token.id)!.lastUsedAt?.toISOString();
    expect(await used()).toBe(t0.toISOString());
    await authenticateBearer(t.db, `bearer ${plaintext}`, new Date(t0.getTime() + 30_000));
    expect(await used()).toBe(t0.toISOString());
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateBearer(t.db, `Bearer ${plaintext}`, t2);
    expect(await used()).toBe(t2.toISOString());
  });

  it("rejects missing, malformed and unknown tokens", async () => {
    const { plaintext } = await create(alice, "x");
    for (const h of [
      null,
      undefined,
      "",
      plaintext,
      `Basic ${plaintext}`,
      "Bearer ",
      "Bearer dcl_short",
      `Bearer ${plaintext}x`,
      `Bearer dcl_${"A".repeat(43)}`,
    ]) {
      expect(await authenticateBearer(t.db, h)).toBeNull();
    }
  });

  it("a revoked token no longer authenticates; another user cannot revoke or see it", async () => {
    const { token, plaintext } = await create(alice, "to revoke");
    expect(await listApiTokens(t.db, bob)).toEqual([]);
    expect(await revokeApiToken(t.db, bob, token.id)).toBe(false);
    expect(await authenticateBearer(t.db, `Bearer ${plaintext}`)).toMatchObject({ userId: alice });
    expect(await revokeApiToken(t.db, alice, token.id)).toBe(true);
    expect(await revokeApiToken(t.db, alice, token.id)).toBe(false);
    expect(await authenticateBearer(t.db, `Bearer ${plaintext}`)).toBeNull();
    expect((await listApiTokens(t.db, alice)).find((x) => x.id === token.id)?.revokedAt).toBeInstanceOf(Date);
    // Bob's tokens are his own.
    const bobs = await create(bob, "bob's");
    expect(await authenticateBearer(t.db, `Bearer ${bobs.plaintext}`)).toEqual({ userId: bob, tokenId: bobs.token.id });
  });
});
