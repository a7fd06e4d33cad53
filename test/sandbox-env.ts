import { afterAll, beforeAll } from "vitest";
import { startSandbox, type Sandbox } from "@/sandbox";
import { setSandboxEndpoints } from "@/lib/providers/endpoints";
import { restoreEnv } from "./file-env";

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
      restoreEnv(saved);
      await sandbox.close();
    },
  };
}

/** startSandboxEnv() for the whole test file: started before its tests, stopped after them. */
export function useSandboxEnv(): { readonly sandbox: Sandbox } {
  let handle: Awaited<ReturnType<typeof startSandboxEnv>> | undefined;
  beforeAll(async () => {
    handle = await startSandboxEnv();
  });
  afterAll(async () => handle?.stop());
  return {
    get sandbox() {
      if (!handle) throw new Error("the sandbox starts in beforeAll; read it inside a test");
      return handle.sandbox;
    },
  };
}

/**
 * The app in sandbox mode for the whole test file: a simulator with quick boots (`timing`) and no rate
 * limits, with the app's provider clients and "any key works" aimed at it; stopped after the file.
 */
export function useSandboxMode(timing: { bootMs: number; transitionMs: number }): { readonly sandbox: Sandbox } {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      faults: timing,
      limits: { tensordockPerMinute: 0, lambdaLaunchIntervalMs: 0, vastCreateIntervalMs: 0 } as never,
    });
    setSandboxEndpoints({ url: sandbox.url });
  });
  afterAll(async () => {
    setSandboxEndpoints(null);
    await sandbox?.close();
  });
  return {
    get sandbox() {
      if (!sandbox) throw new Error("the sandbox starts in beforeAll; read it inside a test");
      return sandbox;
    },
  };
}
