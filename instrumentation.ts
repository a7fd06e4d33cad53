// Next.js calls register() once when a server process starts: validate the configuration, migrate,
// load the catalog, start the sandbox (embedded mode) and the job workers, before the first request.
// `npm start` needs nothing else.
export async function register() {
  // Read here and not through lib/env.ts: Next.js replaces process.env.NEXT_RUNTIME at compile time, so
  // the Edge build of this file drops the Node-only imports below.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv, isBuildPhase } = await import("./lib/env");
  if (isBuildPhase()) return;
  // A wrong variable stops start-up here, with a message that names it and says how to fix it.
  const env = getEnv();
  // First, before any request: a client cannot pick its own address for the sign-in throttle.
  const { guardForwardedFor } = await import("./lib/http/client-address");
  guardForwardedFor();
  const { boot, startWorkers } = await import("./lib/server/boot");
  await boot();
  if (env.workersInProcess) await startWorkers();
}
