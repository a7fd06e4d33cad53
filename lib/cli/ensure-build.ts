import { spawnSync } from "node:child_process";
import { buildIsCurrent, sourceStamp, writeStamp } from "./build-stamp";

/** Runs `next build` when there is no build or the sources changed since the last one. */
export function ensureBuild(log: (s: string) => void = console.log): void {
  if (buildIsCurrent()) return;
  const stamp = sourceStamp();
  log("[dumont] building the app (first start or changed sources)…");
  const r = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) {
    console.error("[dumont] the build failed; the messages above say why.");
    process.exit(r.status ?? 1);
  }
  writeStamp(process.cwd(), stamp);
}
