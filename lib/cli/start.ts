// `npm start`: build if needed, then serve the production build on PORT (default 3000). Migrations and
// the catalog load run inside the server at start-up (instrumentation.ts), so this is all it takes.
import { spawn } from "node:child_process";
import { ensureBuild } from "./ensure-build";

ensureBuild();
const port = process.env.PORT ?? "3000";
const db = process.env.DATABASE_URL ? "Postgres (DATABASE_URL)" : "the embedded database in .data/";
console.log(`[dumont] starting on http://localhost:${port} with ${db}`);
const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
