// Next.js calls register() once when a server process starts: migrate and load the catalog before
// the first request, so `npm start` needs no separate set-up step.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { boot } = await import("./lib/server/boot");
  await boot();
}
