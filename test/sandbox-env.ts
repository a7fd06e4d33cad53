import { startSandbox, type Sandbox } from "@/sandbox";

/**
 * Starts the provider simulator on a free port and aims every provider client at it through the
 * DUMONT_<PROVIDER>_API_URL overrides (lib/env.ts reads them again once they change), without
 * turning on sandbox mode's stand-in key. stop() restores the variables.
 */
export async function startSandboxEnv(): Promise<{ sandbox: Sandbox; stop: () => Promise<void> }> {
  const sandbox = await startSandbox({ port: 0 });
  const saved = Object.fromEntries(Object.keys(sandbox.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, sandbox.env);
  return {
    sandbox,
    stop: async () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await sandbox.close();
    },
  };
}
