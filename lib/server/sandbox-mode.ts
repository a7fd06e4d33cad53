import "server-only";
import { getEnv } from "@/lib/env";
import type { ProviderSlug } from "@/lib/providers/types";
import { SANDBOX_API_PATHS } from "@/sandbox/api-paths";

/** The simulator this process talks to: the five provider APIs under `url`, and a local S3 for hibernation images. */
export interface SandboxEndpoints {
  url: string;
  s3Url?: string;
}

// On globalThis rather than in module variables: Next.js loads this module once per bundle
// (instrumentation, route handlers, server actions) within one server process, and every one of
// them must see the sandbox that start-up started.
const g = globalThis as unknown as {
  __dumontSandbox?: Promise<{ url: string } | null>;
  __dumontSandboxEndpoints?: SandboxEndpoints;
};

/**
 * Sets the sandbox of this process: startSandboxMode() after starting one, and tests that start their
 * own simulator. null clears it (back to DUMONT_SANDBOX_URL, if set).
 */
export function setSandboxEndpoints(endpoints: SandboxEndpoints | null): void {
  g.__dumontSandboxEndpoints = endpoints ?? undefined;
}

/**
 * The sandbox this process talks to: the one set above, else a running one named by
 * DUMONT_SANDBOX_URL (several web processes and workers share one simulator, since it keeps the
 * instances), else null: the real clouds.
 */
export function sandboxEndpoints(): SandboxEndpoints | null {
  if (g.__dumontSandboxEndpoints) return g.__dumontSandboxEndpoints;
  const { sandbox } = getEnv();
  return sandbox.url ? { url: sandbox.url, s3Url: sandbox.s3Url } : null;
}

/** True when this process talks to the simulator (the banner and "any key works" hints). */
export const inSandbox = (): boolean => sandboxEndpoints() !== null;

/** The sandbox's local S3 server, where hibernation images go until a user adds a bucket. */
export const sandboxS3Url = (): string | undefined => sandboxEndpoints()?.s3Url;

/**
 * AdapterOptions.baseUrl for the app's calls to a provider: DUMONT_<PROVIDER>_API_URL when set, else
 * the sandbox's API for that provider in sandbox mode, else undefined (the real endpoint).
 */
export function providerBaseUrl(provider: ProviderSlug): string | undefined {
  const configured = getEnv().providerApiUrls[provider];
  if (configured) return configured;
  const sb = sandboxEndpoints();
  return sb ? sb.url + SANDBOX_API_PATHS[provider] : undefined;
}

/**
 * In sandbox mode (lib/env.ts decides), starts the simulator in this process unless DUMONT_SANDBOX_URL
 * names a running one, and records it for the functions above. Runs once per process.
 */
export function startSandboxMode(): Promise<{ url: string } | null> {
  g.__dumontSandbox ??= (async () => {
    const { sandbox: config, dataDir } = getEnv();
    if (!config.enabled) return null;
    if (config.url) return { url: config.url };
    const { startSandbox } = await import("@/sandbox");
    const { attachSandboxSsh } = await import("./sandbox-ssh");
    const sandbox = await startSandbox({ port: config.port ?? 0, faults: config.faults, ...(await attachSandboxSsh()) });
    let s3Url = config.s3Url;
    if (!s3Url) {
      const { startSandboxObjectStore } = await import("@/sandbox/object-store");
      // Beside the embedded database, so stored images outlive a restart as the rows that name them do.
      const path = await import("node:path");
      const s3 = await startSandboxObjectStore({ dir: path.join(dataDir, "sandbox-s3") });
      s3Url = s3.url;
      console.log(`[sandbox] local S3 object storage on ${s3.url}`);
    }
    setSandboxEndpoints({ url: sandbox.url, s3Url });
    console.log(`[sandbox] simulated GPU clouds on ${sandbox.url}: nothing real is billed`);
    return { url: sandbox.url };
  })();
  return g.__dumontSandbox;
}
