// `npm test`: every test. Format and lint (Biome), the type check, unit and integration tests (vitest;
// data-layer tests on PGlite and, when one answers, a real Postgres), then the production build and the browser tests (Playwright in Chromium).
// DATABASE_URL set → the app under test uses that Postgres; unset → a fresh embedded PGlite.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./ensure-build";
import { ensureChromium } from "./ensure-chromium";

const bin = (file: string) => path.join(process.cwd(), "node_modules", file);
const run = (label: string, args: string[], env: Record<string, string> = {}) => {
  console.log(`\n[test] ${label}`);
  const r = spawnSync(process.execPath, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  if (r.status !== 0) {
    console.error(`[test] ${label} failed.`);
    process.exit(r.status ?? 1);
  }
};

const chromium = ensureChromium();
if (!chromium) process.exit(1);

const only = process.argv[2]; // "unit" or "e2e" to run one half
console.log(
  `[test] database for this run: ${process.env.DATABASE_URL ? "Postgres (DATABASE_URL)" : "embedded PGlite"}`,
);
if (only !== "e2e") {
  run("format and lint (Biome)", [bin("@biomejs/biome/bin/biome"), "ci", "."]);
  run("type check (tsc)", [bin("typescript/bin/tsc"), "--noEmit", "-p", "."]);
  run("unit and integration tests (vitest)", [bin("vitest/vitest.mjs"), "run"]);
}
if (only !== "unit") {
  ensureBuild((s) => console.log(`\n[test] ${s.replace("[dumont] ", "")}`));
  run("browser tests (Playwright, Chromium)", [bin("@playwright/test/cli.js"), "test", ...process.argv.slice(3)], {
    CHROMIUM_PATH: chromium,
  });
}
console.log("\n[test] all tests passed.");
