/**
 * Connects the SSH host to the sandbox's HTTP side: every instance created through a provider API
 * gets a real SSH endpoint on loopback (authorized key = the key of the create request, user = the
 * provider's), and the API's stop/start/destroy stop, start and remove the machine.
 *
 * The sandbox advances phases lazily (when an instance is next read), so a machine stops when the
 * API call or the next status poll notices "stopping", and listens again when a poll sees
 * "running" — which is exactly when a client would try to connect.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { startSandbox, type Sandbox } from "../server";
import type { Phase, SandboxInstanceInfo, SandboxOptions } from "../types";

import { gpuMemoryMiBFor, profileFor, sshUsernameFor } from "./provider-defaults";
import { startSandboxSshHost, type SandboxSshHost } from "./start-ssh-host";

/** The SSH host's machine id of a sandbox instance: ids are only unique within one provider. */
export function sandboxMachineKey(i: Pick<SandboxInstanceInfo, "provider" | "id">): string {
  return `${i.provider}-${i.id}`;
}

export interface SandboxSshWiringOptions {
  /** Emulator time scale for new machines (default the emulator's 0.05). */
  timeScale?: number;
  /** Errors of the fire-and-forget stop/start/remove calls (default: console.warn). */
  onError?: (err: unknown, instance: SandboxInstanceInfo, phase: Phase) => void;
}

/**
 * The SandboxOptions hooks that give instances SSH endpoints from `sshHost`: spread them into
 * `startSandbox({ ...sandboxSshOptions(host), ... })`.
 */
export function sandboxSshOptions(
  sshHost: SandboxSshHost,
  o: SandboxSshWiringOptions = {},
): Required<Pick<SandboxOptions, "sshEndpointFor" | "onPhase" | "onDestroyed">> {
  const report =
    o.onError ??
    ((err, i, phase) =>
      console.warn(
        `[sandbox-ssh] ${i.provider} ${i.id} → ${phase}: ${err instanceof Error ? err.message : String(err)}`,
      ));
  const exists = (i: SandboxInstanceInfo) => !!sshHost.get(sandboxMachineKey(i));
  const run = (i: SandboxInstanceInfo, phase: Phase, fn: (key: string) => Promise<unknown>) => {
    const key = sandboxMachineKey(i);
    if (!exists(i)) return; // an instance from an initialState snapshot has no machine here
    fn(key).catch((e: unknown) => report(e, i, phase));
  };
  return {
    async sshEndpointFor(i) {
      const ep = await sshHost.addMachine({
        instanceId: sandboxMachineKey(i),
        provider: i.provider,
        profile: profileFor(i.provider, i.kind),
        authorizedKeys: i.sshPublicKey ? [i.sshPublicKey] : [],
        username: sshUsernameFor(i.provider),
        gpu: { name: i.gpuName, count: i.gpuCount, memoryMiB: gpuMemoryMiBFor(i.gpuName) },
        timeScale: o.timeScale,
      });
      return { host: ep.host, port: ep.port };
    },
    onPhase(i, phase, previous) {
      switch (phase) {
        case "stopping":
        case "stopped":
        case "failed":
        case "destroying":
          // Powered off (or going away): connections drop, processes die, the disk stays.
          return run(i, phase, (k) => sshHost.stopMachine(k));
        case "starting":
          // A restart of a running machine (Lambda restart, RunPod restart) is a reboot.
          if (previous === "running") run(i, phase, (k) => sshHost.stopMachine(k));
          return;
        case "running":
          return run(i, phase, (k) => sshHost.startMachine(k));
        default:
          return;
      }
    },
    onDestroyed(i) {
      run(i, "destroyed", (k) => sshHost.removeMachine(k));
    },
  };
}

/**
 * Same as sandboxSshOptions. `startSandbox` takes its hooks only at start, so "attaching" means
 * passing these options, not mutating a running sandbox.
 */
export const attachSshHost = sandboxSshOptions;

export interface SandboxWithSsh extends Sandbox {
  sshHost: SandboxSshHost;
}

/**
 * Starts the sandbox with a real SSH host behind it. `close()` also stops every machine and deletes
 * the machines' folder when this function created it; `reset()` also removes every machine.
 */
export async function startSandboxWithSsh(
  opts: Omit<SandboxOptions, "sshEndpointFor" | "onPhase"> & { sshRootDir?: string; timeScale?: number } = {},
): Promise<SandboxWithSsh> {
  const { sshRootDir, timeScale, onDestroyed, ...rest } = opts;
  const rootDir = sshRootDir ?? (await mkdtemp(path.join(tmpdir(), "dumont-sandbox-ssh-")));
  const sshHost = await startSandboxSshHost({ rootDir });
  const hooks = sandboxSshOptions(sshHost, { timeScale });
  const sandbox = await startSandbox({
    ...rest,
    ...hooks,
    onDestroyed: (i) => {
      hooks.onDestroyed(i);
      onDestroyed?.(i);
    },
  });
  return {
    ...sandbox,
    sshHost,
    async close() {
      await sandbox.close();
      await sshHost.closeAll();
      if (!sshRootDir) await rm(rootDir, { recursive: true, force: true });
    },
    reset() {
      sandbox.reset();
      for (const m of sshHost.list()) void sshHost.removeMachine(m.instanceId).catch(() => undefined);
    },
  };
}
