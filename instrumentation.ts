// Next.js calls register() once when a server process starts: migrate, load the catalog, start the
// sandbox (embedded mode) and the job workers, before the first request. `npm start` needs nothing else.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // First, before any request: a client cannot pick its own address for the sign-in throttle.
  const { guardForwardedFor } = await import("./lib/server/client-address");
  guardForwardedFor();
  const { boot, startWorkers } = await import("./lib/server/boot");
  await boot();
  if (process.env.DUMONT_WORKERS !== "0") await startWorkers();
}
