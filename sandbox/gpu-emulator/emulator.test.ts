import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, afterEach, describe, expect, it } from "vitest";

import { parseProbeOutput, verdict } from "@/lib/agent/probe";
import { PROBE_SCRIPT, SETUP_SCRIPT } from "@/lib/agent/scripts";
import { wrapScript } from "@/lib/agent/shell";

import { installGpuEmulator, type GpuEmulator, type GpuProfile } from "./index";

const isRoot = process.getuid?.() === 0;
const root = mkdtempSync(path.join(tmpdir(), "gpu-emu-test-"));
const emus: GpuEmulator[] = [];
afterEach(async () => {
  for (const e of emus.splice(0)) await e.stopJobs();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function emu(profile: GpuProfile, name = profile) {
  const e = await installGpuEmulator(path.join(root, name), profile, { timeScale: 0.01 });
  emus.push(e);
  return e;
}

function sh(e: GpuEmulator, cmd: string, args: string[] = []) {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...e.env }, encoding: "utf8" });
  return { out: r.stdout, err: r.stderr, rc: r.status };
}

function runScript(e: GpuEmulator, script: string, args: string[] = []) {
  const r = spawnSync("bash", ["-s", "--", ...args], {
    input: wrapScript(script),
    env: { ...process.env, ...e.env },
    encoding: "utf8",
  });
  return r.stdout;
}

describe("emulated nvidia-smi", () => {
  it("lists jobs as compute apps and follows the CSV formats", async () => {
    const e = await emu("ready");
    const pid = await e.startJob({ memMiB: 2048, name: "python3" });
    expect(
      sh(e, "nvidia-smi", ["--query-compute-apps=pid,process_name,used_memory", "--format=csv,noheader,nounits"]).out,
    ).toBe(`${pid}, python3, 2048\n`);
    expect(sh(e, "nvidia-smi", ["--query-compute-apps=pid,used_memory", "--format=csv"]).out).toBe(
      `pid, used_gpu_memory [MiB]\n${pid}, 2048 MiB\n`,
    );
    const gpu = sh(e, "nvidia-smi", [
      "--query-gpu=index,name,driver_version,memory.used,persistence_mode",
      "--format=csv,noheader,nounits",
    ]).out;
    expect(gpu).toBe("0, NVIDIA H100 80GB HBM3, 570.133.20, 2048, Enabled\n");
    const plain = sh(e, "nvidia-smi").out;
    expect(plain).toMatch(/Driver Version: 570\.133\.20\s+CUDA Version: 12\.8/);
    expect(plain).toContain(String(pid));
    expect(sh(e, "nvidia-smi", ["--query-gpu=bogus", "--format=csv"])).toMatchObject({
      rc: 2,
      out: expect.stringContaining('Field "bogus" is not a valid field to query.'),
    });
  });
});

describe("emulated cuda-checkpoint", () => {
  it("walks running → locked → checkpointed → locked → running; checkpointed leaves nvidia-smi", async () => {
    const e = await emu("ready");
    const pid = String(await e.startJob({ memMiB: 1024 }));
    const cc = (...a: string[]) => sh(e, "cuda-checkpoint", a);
    const state = () => cc("--get-state", "--pid", pid).out.trim();
    expect(state()).toBe("running");
    expect(cc("--action", "lock", "--pid", pid, "--timeout", "1000")).toMatchObject({ rc: 0, out: "", err: "" });
    expect(state()).toBe("locked");
    expect(cc("--action", "checkpoint", "--pid", pid).rc).toBe(0);
    expect(state()).toBe("checkpointed");
    expect(sh(e, "nvidia-smi", ["--query-compute-apps=pid", "--format=csv,noheader"]).out).toBe("");
    const wrong = cc("--action", "unlock", "--pid", pid);
    expect(wrong.rc).toBe(1);
    expect(wrong.err).toBe(
      `Could not unlock on process ID ${pid}: "the operation cannot be performed in the present state"\n`,
    );
    expect(cc("--action", "restore", "--pid", pid).rc).toBe(0);
    expect(state()).toBe("locked");
    expect(cc("--action", "unlock", "--pid", pid).rc).toBe(0);
    expect(state()).toBe("running");
    expect(cc("--toggle", "--pid", pid).rc).toBe(0);
    expect(state()).toBe("checkpointed");
    expect(cc("--toggle", "--pid", pid).rc).toBe(0);
    expect(state()).toBe("running");
  });

  it("a lock timeout leaves the process running", async () => {
    const e = await emu("ready");
    const pid = String(await e.startJob({ busyMs: 5000 }));
    const r = sh(e, "cuda-checkpoint", ["--action", "lock", "--pid", pid, "--timeout", "100"]);
    expect(r.rc).toBe(1);
    expect(r.err).toMatch(/^Could not lock on process ID \d+: ".*"$/m);
    expect(sh(e, "cuda-checkpoint", ["--get-state", "--pid", pid]).out).toBe("running\n");
  });

  it("refuses a non-CUDA PID", async () => {
    const e = await emu("ready");
    const r = sh(e, "cuda-checkpoint", ["--get-state", "--pid", String(process.pid)]);
    expect(r.rc).not.toBe(0);
    expect(r.err).toMatch(/^Error getting process state for process ID \d+: "/);
  });

  it("help follows the driver version", async () => {
    const e = await emu("ready");
    expect(sh(e, "cuda-checkpoint", ["--help"]).out.split("\n")[1]).toBe(
      "Version 570.133.20. Copyright (C) 2025 NVIDIA Corporation. All rights reserved.",
    );
    sh(e, "gpu-emu", ["config", "driver", "550.54.15"]);
    const h550 = sh(e, "cuda-checkpoint", ["--help"]).out;
    expect(h550).toContain("--toggle");
    expect(h550).not.toContain("--action");
    sh(e, "gpu-emu", ["config", "driver", "580.65.06"]);
    expect(sh(e, "cuda-checkpoint", ["--help"]).out).toContain("--device-map|-d <deviceUuids>");
    sh(e, "gpu-emu", ["config", "driver", "535.183.01"]);
    expect(sh(e, "cuda-checkpoint", ["--help"])).toMatchObject({ rc: 255, err: "Insufficient driver\n" });
  });

  it("fails like the real tool inside an unprivileged container", async () => {
    const e = await emu("container");
    const pid = String(await e.startJob());
    expect(sh(e, "cuda-checkpoint", ["--get-state", "--pid", pid])).toMatchObject({
      rc: 1,
      err: 'Error initializing CUDA: "OS call failed or operation not supported on this OS"\n',
    });
    expect(sh(e, "criu", ["check"]).rc).toBe(1);
  });
});

describe("probe + verdict per profile (script run locally)", () => {
  it("ready", async () => {
    const e = await emu("ready");
    const p = parseProbeOutput(runScript(e, PROBE_SCRIPT), "m");
    expect(p.procStatusPath).toBe(e.env.DUMONT_PROC_STATUS);
    expect(p.caps).toMatchObject({ sysPtrace: true, sysAdmin: true, checkpointRestore: true });
    expect(p.driverVersion).toBe("570.133.20");
    expect(p.criu.version).toBe("4.1");
    if (isRoot) {
      expect(p.criu.check?.ok).toBe(true);
      expect(verdict(p)).toEqual({ ready: true, criuReady: true, reasons: [] });
    } else {
      expect(verdict(p).reasons.map((r) => r.code)).toEqual(["not_root", "criu_check_failed"]);
    }
  });

  it("container: caps and seccomp", async () => {
    const e = await emu("container");
    const v = verdict(parseProbeOutput(runScript(e, PROBE_SCRIPT), "m"));
    expect(v.ready).toBe(false);
    const codes = v.reasons.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "cap_sys_ptrace_missing",
        "cap_sys_admin_missing",
        "seccomp_filtered",
        "criu_check_failed",
      ]),
    );
    expect(v.reasons.find((r) => r.code === "cap_sys_ptrace_missing")!.message).toBe(
      "CAP_SYS_PTRACE missing — this is an unprivileged container; choose a VM or bare-metal offer",
    );
  });

  it("old-driver: driver, cuda-checkpoint, persistence; setup upgrades it to ready", async () => {
    const e = await emu("old-driver");
    const v = verdict(parseProbeOutput(runScript(e, PROBE_SCRIPT), "m"));
    expect(v.ready).toBe(false);
    const msgs = Object.fromEntries(v.reasons.map((r) => [r.code, r.message]));
    expect(msgs.driver_too_old).toMatch(/^driver 535 < 550/);
    expect(msgs.cuda_checkpoint_missing).toBe("cuda-checkpoint not found — clone NVIDIA/cuda-checkpoint");
    expect(msgs.persistence_off).toBeDefined();
    expect(msgs.criu_too_old).toBeDefined();
    if (!isRoot) return; // setup installs packages: root only (the script aborts with needs_root otherwise)

    const out = runScript(e, SETUP_SCRIPT);
    expect(out).toContain("| Setting up nvidia-driver-570 (570.133.20-0ubuntu1) ...");
    expect(out).toContain("@@end rc=0");
    const after = parseProbeOutput(runScript(e, PROBE_SCRIPT), "m");
    expect(after.cudaCheckpoint.path).toBe(path.join(e.homeDir, "cuda-checkpoint/bin/x86_64_Linux/cuda-checkpoint"));
    const v2 = verdict(after);
    expect(v2.ready).toBe(true);
    expect(v2.reasons.map((r) => r.code)).toEqual(["criu_too_old"]);
  });
});
