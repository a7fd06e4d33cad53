import type { Db } from "@/db";
import { sshKeys, users } from "@/db/schema";
import { SANDBOX_KEY, type StepDeps } from "@/lib/machines";
import { getAdapter, type ProviderSlug } from "@/lib/providers";
import type { Sandbox } from "@/sandbox";

// What the tests that drive machines step by step against the sandbox set up alike.

/** A user row with a placeholder public key (ssh-keys id `keyId`) to deploy with; it never signs in. */
export async function insertUserWithKey(db: Db, userId: string, keyId: string): Promise<void> {
  await db.insert(users).values({ id: userId, email: `${userId}@example.com`, passwordHash: "x" });
  await db.insert(sshKeys).values({
    id: keyId,
    userId,
    name: "k",
    publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2m9C0xZ0e3y3lq8lUu0cK2QXkq0K0M1h8S1c2c1d2e test",
    fingerprint: "SHA256:x",
  });
}

/**
 * StepDeps aimed at `sandbox`: its providers with the sandbox key, quick retries and no rate limits, so
 * a test steps machines fast; SSH reachability is a stub that always answers (the sandbox SSH host has
 * its own tests). `more` adds or replaces fields (a controlled clock).
 */
export function sandboxStepDeps(db: Db, sandbox: Sandbox, more: Partial<StepDeps> = {}): StepDeps {
  return {
    db,
    adapterFor: async (m) =>
      getAdapter(m.provider as ProviderSlug, {
        apiKey: SANDBOX_KEY,
        baseUrl: sandbox.baseUrls[m.provider as ProviderSlug],
        retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
        limits: { requestsPerMinute: 0, launchIntervalMs: 0 },
      }),
    sshReachable: async () => true,
    ...more,
  };
}
