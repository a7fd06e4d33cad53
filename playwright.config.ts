import { defineConfig } from "@playwright/test";
import path from "node:path";

// E2E runs against the production build (`next start`) on its own port and database: a fresh PGlite
// folder per run, or DATABASE_URL when it is set (then users get unique emails, so runs never collide).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(process.cwd(), ".test-data", `e2e-${Date.now()}`);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "off",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // The journeys run on the sandbox clouds with either database (with DATABASE_URL the sandbox would
    // otherwise be off and the clients would aim at the real providers).
    // The tests stand in for a reverse proxy (X-Forwarded-For gives each simulated client its address),
    // and sign up far more than ten accounts from one machine.
    env: {
      DUMONT_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      DUMONT_SANDBOX: "1",
      DUMONT_TRUST_PROXY: "1",
      DUMONT_SIGNUPS_PER_ADDRESS: "100000",
    },
  },
});
