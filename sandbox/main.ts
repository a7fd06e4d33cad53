// Runs the sandbox on its own: `npx tsx sandbox/main.ts [port]` (default 4010, or
// DUMONT_SANDBOX_PORT). Prints the env lines that aim the provider clients at it.

import { getEnv } from "@/lib/env";
import { startSandboxWithSsh } from "./ssh-host";

async function main() {
  const { sandbox } = getEnv();
  const port = Number(process.argv[2] ?? sandbox.port ?? 4010);
  // Each created instance gets a real SSH endpoint on loopback (GPU emulator behind it).
  const sb = await startSandboxWithSsh({ port, faults: sandbox.faults });
  console.log(`DumontCloud sandbox (simulated GPU clouds, nothing is billed) on ${sb.url}`);
  console.log(`Machines (SSH on 127.0.0.1, one port each) live in ${sb.sshHost.rootDir}`);
  for (const [k, v] of Object.entries(sb.env)) console.log(`${k}=${v}`);
  console.log(`Faults: ${JSON.stringify(sb.faults())}  (POST ${sb.url}/_sandbox/faults to change)`);
  const stop = () => void sb.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
