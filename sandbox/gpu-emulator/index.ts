/**
 * GPU machine emulator: bash stand-ins for `nvidia-smi`, `cuda-checkpoint` and `criu` that keep
 * their state in files, plus `start-job` (a real long-running process registered as a CUDA
 * process) and the `apt-get`/`git` steps of the setup guide. Used by the sandbox and the agent's
 * integration tests; never by code that talks to a real machine.
 */
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { inheritedEnv } from "@/lib/env";

import { COMMON } from "./scripts/common";
import { CUDA_CHECKPOINT } from "./scripts/cuda-checkpoint";
import { NVIDIA_SMI } from "./scripts/nvidia-smi";
import { APT_GET, CRIU, GIT, GPU_EMU, START_JOB } from "./scripts/tools";

const run = promisify(execFile);

export const GPU_PROFILES = ["ready", "container", "old-driver"] as const;
export type GpuProfile = (typeof GPU_PROFILES)[number];

export interface GpuEmulatorOptions {
  gpuCount?: number;
  gpuName?: string;
  gpuMemoryMiB?: number;
  /** Multiplier on simulated durations (checkpoint copy time etc.). Default 0.05. */
  timeScale?: number;
}

export interface GpuEmulator {
  dir: string;
  binDir: string;
  stateDir: string;
  homeDir: string;
  profile: GpuProfile;
  /**
   * Environment a session on this emulated machine needs: PATH with binDir first, HOME,
   * DUMONT_GPU_STATE_DIR, and DUMONT_PROC_STATUS (the fake /proc/self/status of the profile).
   */
  env: Record<string, string>;
  /** Starts a job locally (same machine) and returns its PID. */
  startJob(opts?: { name?: string; memMiB?: number; gpu?: number; busyMs?: number }): Promise<number>;
  /** Sets a per-process knob (state, busy_ms, hang_on, fail_on, ...). */
  setJob(pid: number, key: string, value: string): Promise<void>;
  getJob(pid: number, key: string): Promise<string>;
  /** Kills every job this emulator started and forgets them. */
  stopJobs(): Promise<void>;
}

/** Full root on a host: all 41 capability bits. */
const CAPEFF_ROOT = "000001ffffffffff";
/** Docker's default capability set: no SYS_PTRACE (19), SYS_ADMIN (21), CHECKPOINT_RESTORE (40). */
const CAPEFF_DOCKER = "00000000a80425fb";

interface ProfileSpec {
  machine: Record<string, string>;
  capEff: string;
  seccomp: number;
  cudaCheckpointOnPath: boolean;
}

function profileSpec(profile: GpuProfile): ProfileSpec {
  switch (profile) {
    case "ready":
      return {
        machine: { driver: "570.133.20", cuda: "12.8", persistence: "Enabled", criu_version: "4.1", criu_check: "ok" },
        capEff: CAPEFF_ROOT,
        seccomp: 0,
        cudaCheckpointOnPath: true,
      };
    case "container":
      return {
        machine: {
          driver: "570.133.20",
          cuda: "12.8",
          persistence: "Enabled",
          criu_version: "4.1",
          criu_caps: "0",
          cuda_init_error: "OS call failed or operation not supported on this OS",
        },
        capEff: CAPEFF_DOCKER,
        seccomp: 2,
        cudaCheckpointOnPath: true,
      };
    case "old-driver":
      return {
        machine: {
          driver: "535.183.01",
          cuda: "12.2",
          persistence: "Disabled",
          criu_version: "3.16.1",
          criu_check: "ok",
        },
        capEff: CAPEFF_ROOT,
        seccomp: 0,
        cudaCheckpointOnPath: false,
      };
  }
}

function procStatus(capEff: string, seccomp: number): string {
  return [
    "Name:\tbash",
    "Umask:\t0022",
    "State:\tR (running)",
    "Uid:\t0\t0\t0\t0",
    "Gid:\t0\t0\t0\t0",
    "CapInh:\t0000000000000000",
    `CapPrm:\t${capEff}`,
    `CapEff:\t${capEff}`,
    `CapBnd:\t${capEff}`,
    "CapAmb:\t0000000000000000",
    `NoNewPrivs:\t0`,
    `Seccomp:\t${seccomp}`,
    `Seccomp_filters:\t${seccomp === 2 ? 1 : 0}`,
    "",
  ].join("\n");
}

function uuid(): string {
  const h = randomBytes(16).toString("hex");
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function script(body: string): string {
  return `#!/usr/bin/env bash\n# DumontCloud GPU emulator (simulated). Not a real NVIDIA/CRIU tool.\n${COMMON}\n${body}`;
}

/**
 * Writes the emulated tools into `dir/bin`, their state into `dir/state` and an empty HOME into
 * `dir/home`. Calling it again on the same dir resets the machine to the profile.
 */
export async function installGpuEmulator(
  dir: string,
  profile: GpuProfile,
  opts: GpuEmulatorOptions = {},
): Promise<GpuEmulator> {
  if (!GPU_PROFILES.includes(profile)) throw new Error(`unknown GPU emulator profile: ${String(profile)}`);
  const root = path.resolve(dir);
  const binDir = path.join(root, "bin");
  const libDir = path.join(root, "lib");
  const stateDir = path.join(root, "state");
  const homeDir = path.join(root, "home");
  await rm(binDir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
  for (const d of [binDir, libDir, path.join(stateDir, "procs"), homeDir]) await mkdir(d, { recursive: true });

  const spec = profileSpec(profile);
  const gpuCount = opts.gpuCount ?? 1;
  const machine: Record<string, string> = {
    profile,
    gpu_count: String(gpuCount),
    gpu_name: opts.gpuName ?? "NVIDIA H100 80GB HBM3",
    gpu_mem: String(opts.gpuMemoryMiB ?? 81559),
    mig: "[N/A]",
    time_scale: String(opts.timeScale ?? 0.05),
    lib_dir: libDir,
    ...spec.machine,
  };
  for (let i = 0; i < gpuCount; i++) {
    machine[`gpu_uuid_${i}`] = uuid();
    machine[`gpu_bus_${i}`] = `00000000:${(0x18 + i * 0x10).toString(16).toUpperCase().padStart(2, "0")}:00.0`;
  }
  await writeFile(
    path.join(stateDir, "machine.env"),
    Object.entries(machine)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(""),
  );
  await writeFile(path.join(stateDir, "proc_status"), procStatus(spec.capEff, spec.seccomp));

  const tools: Record<string, string> = {
    "nvidia-smi": NVIDIA_SMI,
    criu: CRIU,
    "start-job": START_JOB,
    "gpu-emu": GPU_EMU,
    "apt-get": APT_GET,
    git: GIT,
  };
  if (spec.cudaCheckpointOnPath) tools["cuda-checkpoint"] = CUDA_CHECKPOINT;
  for (const [name, body] of Object.entries(tools)) {
    const p = path.join(binDir, name);
    await writeFile(p, script(body));
    await chmod(p, 0o755);
  }
  // Template that the emulated `git clone` of NVIDIA/cuda-checkpoint copies.
  await writeFile(path.join(libDir, "cuda-checkpoint"), script(CUDA_CHECKPOINT));
  await chmod(path.join(libDir, "cuda-checkpoint"), 0o755);

  const env: Record<string, string> = {
    PATH: `${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    HOME: homeDir,
    DUMONT_GPU_STATE_DIR: stateDir,
    // Emulator only: the probe reads capabilities from this file instead of /proc/self/status.
    DUMONT_PROC_STATUS: path.join(stateDir, "proc_status"),
  };
  const tool = async (name: string, args: string[]) =>
    (await run(path.join(binDir, name), args, { env: inheritedEnv(env) })).stdout.trim();

  return {
    dir: root,
    binDir,
    stateDir,
    homeDir,
    profile,
    env,
    async startJob(o = {}) {
      const args = ["--name", o.name ?? "python3", "--mem", String(o.memMiB ?? 4096), "--gpu", String(o.gpu ?? 0)];
      if (o.busyMs !== undefined) args.push("--busy-ms", String(o.busyMs));
      const out = await tool("start-job", args);
      const pid = Number(out);
      if (!Number.isInteger(pid) || pid <= 0) throw new Error(`start-job printed ${JSON.stringify(out)}`);
      return pid;
    },
    async setJob(pid, key, value) {
      await tool("gpu-emu", ["set", String(pid), key, value]);
    },
    async getJob(pid, key) {
      return tool("gpu-emu", ["get", String(pid), key]);
    },
    async stopJobs() {
      await tool("gpu-emu", ["stop-jobs"]);
    },
  };
}
