import "server-only";
import { getEnv } from "@/lib/env";
import { SANDBOX_API_PATHS } from "./shared/sandbox-paths";
import type { ProviderSlug } from "./types";

/** The simulator this process talks to: the five provider APIs under `url`, and a local S3 for hibernation images. */
export interface SandboxEndpoints {
  url: string;
  s3Url?: string;
}

// On globalThis rather than in a module variable: Next.js loads this module once per bundle
// (instrumentation, route handlers, server actions) within one server process, and every one of
// them must see the sandbox that start-up started.
const g = globalThis as unknown as { __dumontSandboxEndpoints?: SandboxEndpoints };

/**
 * Sets the sandbox of this process: start-up after starting one, and tests that start their own
 * simulator. null clears it (back to DUMONT_SANDBOX_URL, if set).
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
