import "server-only";
import { getEnv } from "@/lib/env";
import { setSandboxEndpoints } from "@/lib/providers/endpoints";

// On globalThis: Next.js loads this module once per bundle within one server process, and the
// simulator must start once per process.
const g = globalThis as unknown as { __dumontSandbox?: Promise<{ url: string } | null> };

/**
 * In sandbox mode (lib/env.ts decides), starts the simulator in this process unless DUMONT_SANDBOX_URL
 * names a running one, and records it in lib/providers/endpoints.ts, where the clients find it. Runs once per process.
 */
export function startSandboxMode(): Promise<{ url: string } | null> {
  g.__dumontSandbox ??= (async () => {
    const { sandbox: config, dataDir } = getEnv();
    if (!config.enabled) return null;
    if (config.url) return { url: config.url };
    const { startSandbox } = await import("@/sandbox");
    const { attachSandboxSsh } = await import("./sandbox-ssh");
    const sandbox = await startSandbox({
      port: config.port ?? 0,
      faults: config.faults,
      ...(await attachSandboxSsh()),
    });
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
