// Test harness: one sandbox per test file with fast boots, no documented rate limits (tests that
// need them turn them on), and adapters aimed at it with short timeouts and retries.

import { afterAll, beforeAll, beforeEach } from "vitest";
import { startSandbox, type Sandbox } from "@/sandbox";
import { getAdapter } from "@/lib/providers/registry";
import type {
  AdapterOptions,
  CreateInstanceInput,
  Instance,
  InstanceStatus,
  ProviderAdapter,
  ProviderSlug,
} from "@/lib/providers/types";

export const TEST_BOOT_MS = 150;
export const TEST_TRANSITION_MS = 60;
/** Where the sandbox says each instance's SSH lives: a distinct loopback port per instance. */
let nextPort = 42_000;

export interface SandboxHandle {
  sb: Sandbox;
  adapter(provider: ProviderSlug, over?: Partial<AdapterOptions>): ProviderAdapter;
  /** SSH ports handed out by the hook, by sandbox instance id. */
  sshPorts: Map<string, number>;
}

export function useSandbox(): SandboxHandle {
  const handle = { sshPorts: new Map<string, number>() } as SandboxHandle;
  const faults = { bootMs: TEST_BOOT_MS, transitionMs: TEST_TRANSITION_MS, retryAfterS: 0 };
  beforeAll(async () => {
    handle.sb = await startSandbox({
      faults,
      limits: { tensordockPerMinute: 0, lambdaLaunchIntervalMs: 0, vastCreateIntervalMs: 0 },
      sshEndpointFor: (i) => {
        const port = nextPort++;
        handle.sshPorts.set(i.id, port);
        return { host: "127.0.0.1", port };
      },
    });
    handle.adapter = (provider, over = {}) =>
      getAdapter(provider, {
        apiKey: "test-key-123456",
        baseUrl: handle.sb.baseUrls[provider],
        timeoutMs: 1_000,
        retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 200 },
        limits: { launchIntervalMs: 0, requestsPerMinute: 0 },
        ...over,
      });
  });
  beforeEach(() => {
    handle.sb.reset();
    handle.sb.setLimits({ tensordockPerMinute: 0, lambdaLaunchIntervalMs: 0, vastCreateIntervalMs: 0 });
  });
  afterAll(async () => {
    await handle.sb?.close();
  });
  return handle;
}

/** Polls getInstance until the status is reached (fails fast on `failed`). */
export async function waitForStatus(
  adapter: ProviderAdapter,
  id: string,
  status: InstanceStatus,
  timeoutMs = 5_000,
): Promise<Instance> {
  const deadline = Date.now() + timeoutMs;
  let last: Instance | undefined;
  while (Date.now() < deadline) {
    last = await adapter.getInstance(id);
    if (last.status === status) return last;
    if (last.status === "failed" && status !== "failed") throw new Error(`instance ${id} failed (${last.rawStatus})`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`instance ${id} did not reach ${status}; last ${last?.status} (${last?.rawStatus})`);
}

export const TEST_SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHsandboxtestkeyonly0000000000000000000 test@dumont";

/** An order for createInstance with what tests usually ask for: one GPU, 100 GB of disk, the test key. */
export function orderInput(
  machineId: string,
  offerId: string,
  over: Partial<CreateInstanceInput> = {},
): CreateInstanceInput {
  return { machineId, offerId, gpuCount: 1, diskGb: 100, sshPublicKey: TEST_SSH_KEY, name: machineId, ...over };
}
