import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import type { SandboxOptions } from "@/sandbox";

/** Kills the stand-in CUDA jobs of every sandbox machine under rootDir (they run detached). */
function killJobsUnder(rootDir: string): void {
  const needle = Buffer.from(`DUMONT_GPU_STATE_DIR=${rootDir}`);
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${e}/environ`).includes(needle)) process.kill(Number(e), "SIGKILL");
    } catch {
      /* gone, or not ours to read */
    }
  }
}

/**
 * Gives each sandbox instance a real SSH endpoint on loopback (an ssh2 server per machine running the
 * GPU emulator), so deploy waits for a real SSH banner and the agent has a machine to work on.
 */
export async function attachSandboxSsh(): Promise<Partial<SandboxOptions>> {
  const { startSandboxSshHost, sandboxSshOptions } = await import("@/sandbox/ssh-host");
  const rootDir = path.join(/*turbopackIgnore: true*/ getEnv().dataDir, "sandbox-machines");
  // Jobs left by a previous server that was killed outright, then ours when this process exits.
  killJobsUnder(rootDir);
  process.once("exit", () => killJobsUnder(rootDir));
  const host = await startSandboxSshHost({ rootDir });
  return sandboxSshOptions(host);
}
