import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Started {
  proc: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 on `probePath`. */
  msToFirst200: number;
  stop: () => Promise<void>;
}

export async function waitFor200(url: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

/** Starts a command that serves on `port` and measures the time to its first 200. */
export async function startServer(
  cmd: string,
  args: string[],
  port: number,
  env: Record<string, string> = {},
  probePath = "/",
): Promise<Started> {
  const t0 = performance.now();
  const proc = spawn(cmd, args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  proc.stdout?.on("data", (d) => (log += d));
  proc.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(url + probePath);
  } catch (e) {
    process.kill(-proc.pid!, "SIGKILL");
    throw new Error(`${(e as Error).message}\n${log.slice(-2000)}`);
  }
  const msToFirst200 = performance.now() - t0;
  return {
    proc,
    url,
    msToFirst200,
    stop: () =>
      new Promise((resolve) => {
        proc.once("exit", () => resolve());
        try {
          process.kill(-proc.pid!, "SIGTERM");
        } catch {
          resolve();
        }
        setTimeout(() => {
          try {
            process.kill(-proc.pid!, "SIGKILL");
          } catch {
            /* gone */
          }
        }, 5000).unref();
      }),
  };
}

export const tempDataDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `dumont-bench-${name}-`));
