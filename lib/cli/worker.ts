// `npm run worker`: one more job worker process on the same Postgres as the web processes. Run with
// the react-server condition (see package.json) so server-only modules load outside Next.js.
import { EnvError, getEnv } from "@/lib/env";

async function main() {
  let databaseUrl: string | undefined;
  try {
    databaseUrl = getEnv().databaseUrl;
  } catch (e) {
    if (!(e instanceof EnvError)) throw e;
    console.error(`[worker] ${e.message}`);
    process.exit(1);
  }
  if (!databaseUrl) {
    console.error(
      "[worker] set DATABASE_URL: extra workers share a Postgres with the web process (the embedded database allows one process; its web process already runs workers).",
    );
    process.exit(1);
  }
  const { startWorkers } = await import("@/lib/server/boot");
  await startWorkers();
  console.log("[worker] running machine jobs; Ctrl-C to stop");
  const stop = async () => {
    const { stopBoss } = await import("@/lib/jobs/boss");
    await stopBoss();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
