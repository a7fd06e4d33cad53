import { spawnSync } from "node:child_process";
import fs from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

/**
 * Finds a Chromium for the browser tests (Playwright cannot download one here). When none is found it
 * installs Debian's `chromium` where apt and root are available, or says in one line what to run.
 * Returns the executable path, or null after printing the instruction.
 */
export function ensureChromium(): string | null {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((p): p is string => !!p && fs.existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0 && has("apt-get")) {
    console.log("[test] Chromium not found: installing Debian's chromium with apt-get…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    let r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
    if (r.status !== 0) {
      spawnSync("apt-get", ["update"], { stdio: "inherit", env });
      r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
    }
    const after = CANDIDATES.find((p) => fs.existsSync(p));
    if (after) return after;
  }
  console.error(
    "[test] Chromium is missing: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary), then `npm test` again.",
  );
  return null;
}
