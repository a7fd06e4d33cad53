import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import type { SandboxOptions } from "@/lib/sandbox";

/**
 * Gives each sandbox instance a real SSH endpoint on loopback (an ssh2 server per machine running the
 * GPU emulator), so deploy waits for a real SSH banner and the agent has a machine to work on.
 */
export async function attachSandboxSsh(): Promise<Partial<SandboxOptions>> {
  const { startSandboxSshHost, sandboxSshOptions } = await import("@/lib/sandbox/ssh-host");
  const host = await startSandboxSshHost({ rootDir: path.join(/*turbopackIgnore: true*/ env.dataDir, "sandbox-machines") });
  return sandboxSshOptions(host);
}
