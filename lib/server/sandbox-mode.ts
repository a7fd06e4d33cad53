import "server-only";
import { SUPPORTED_PROVIDERS, baseUrlEnvName } from "@/lib/providers";
import { env, sandboxEnabled } from "@/lib/env";

const g = globalThis as unknown as { __dumontSandbox?: Promise<{ url: string } | null> };

/**
 * In sandbox mode, points every provider client at the local simulator: one started in this process,
 * or an already running one named by DUMONT_SANDBOX_URL (several web processes and workers must share
 * one simulator, since it keeps the instances).
 */
export function startSandboxMode(): Promise<{ url: string } | null> {
  g.__dumontSandbox ??= (async () => {
    if (!sandboxEnabled()) return null;
    let url = process.env.DUMONT_SANDBOX_URL?.trim();
    if (!url) {
      const { startSandbox } = await import("@/sandbox");
      const { attachSandboxSsh } = await import("./sandbox-ssh");
      const port = Number(process.env.DUMONT_SANDBOX_PORT ?? 0);
      const sandbox = await startSandbox({ port, ...(await attachSandboxSsh()) });
      url = sandbox.url;
      process.env.DUMONT_SANDBOX_URL = url;
      if (!process.env.DUMONT_SANDBOX_S3_URL) {
        const { startSandboxObjectStore } = await import("@/sandbox/object-store");
        // Beside the embedded database, so stored images outlive a restart as the rows that name them do.
        const path = await import("node:path");
        const s3 = await startSandboxObjectStore({ dir: path.join(env.dataDir, "sandbox-s3") });
        process.env.DUMONT_SANDBOX_S3_URL = s3.url;
        console.log(`[sandbox] local S3 object storage on ${s3.url}`);
      }
      console.log(`[sandbox] simulated GPU clouds on ${url}: nothing real is billed`);
    }
    const { SANDBOX_API_PATHS } = await import("@/sandbox");
    for (const p of SUPPORTED_PROVIDERS) {
      const name = baseUrlEnvName(p);
      process.env[name] ??= url + SANDBOX_API_PATHS[p];
    }
    return { url };
  })();
  return g.__dumontSandbox;
}

/** True when this process talks to the simulator (the banner and "any key works" hints). */
export const inSandbox = (): boolean => !!process.env.DUMONT_SANDBOX_URL;
