import "server-only";
import type { SandboxOptions } from "@/lib/sandbox";

/** Gives each sandbox instance a real SSH endpoint on loopback (filled in when the SSH host lands). */
export async function attachSandboxSsh(): Promise<Partial<SandboxOptions>> {
  return {};
}
