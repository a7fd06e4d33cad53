/**
 * The agent against a REAL OpenSSH sshd on loopback, with the GPU emulator's tools on the
 * session PATH (authorized_keys environment=). One client key per emulated machine.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { installGpuEmulator, type GpuEmulator } from "@/sandbox/gpu-emulator";

import {
  AgentPool,
  CommandTimeoutError,
  ConnectionLostError,
  HostKeyChangedError,
  InvalidArgumentError,
  LockTimeoutError,
  NoSuchProcessError,
  NotCudaProcessError,
  checkpoint,
  memoryHostKeyStore,
  probe,
  processes,
  restore,
  setup,
  verdict,
  type MachineTarget,
  type SetupLine,
} from "./index";
import { startSshd, type SshdHandle } from "@/test/agent/start-sshd";

const isRoot = process.getuid?.() === 0;
const root = mkdtempSync(path.join(tmpdir(), "agent-it-"));
let sshd: SshdHandle;
let ready: GpuEmulator;
let container: GpuEmulator;
let oldDriver: GpuEmulator;
let pool: AgentPool;
const hostKeys = memoryHostKeyStore();
let tReady: MachineTarget;
let tContainer: MachineTarget;
let tOld: MachineTarget;

beforeAll(async () => {
  ready = await installGpuEmulator(path.join(root, "ready"), "ready", { timeScale: 0.01 });
  container = await installGpuEmulator(path.join(root, "container"), "container", { timeScale: 0.01 });
  oldDriver = await installGpuEmulator(path.join(root, "old"), "old-driver", { timeScale: 0.01 });
  sshd = await startSshd({ env: ready.env });
  tReady = sshd.target("m-ready");
  tContainer = sshd.target("m-container", sshd.addClient(container.env));
  tOld = sshd.target("m-old", sshd.addClient(oldDriver.env));
  pool = new AgentPool({ hostKeys, keepaliveIntervalMs: 2000 });
});

afterAll(async () => {
  pool?.closeAll();
  for (const e of [ready, container, oldDriver]) await e?.stopJobs();
  await sshd?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** PIDs of processes whose command line is exactly `sleep 86400` (the emulator's hang). */
function hungSleeps(): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, "utf8") === "sleep\u000086400\u0000") out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

describe("probe", () => {
  it("ready profile: ready, host key pinned on first contact", async () => {
    const p = await probe(pool, tReady);
    expect(hostKeys.pinned.get("m-ready")).toBe(sshd.hostFingerprint);
    expect(p.isRoot).toBe(isRoot);
    expect(p.caps).toEqual({ sysPtrace: true, sysAdmin: true, checkpointRestore: true, netAdmin: true });
    expect(p.seccomp).toBe(0);
    expect(p.gpus).toHaveLength(1);
    expect(p.cudaCheckpoint.help?.features).toMatchObject({ action: true, timeout: true });
    const v = verdict(p);
    if (isRoot) expect(v).toEqual({ ready: true, criuReady: true, reasons: [] });
  });

  it("container profile: not ready, says why and what to do", async () => {
    const v = verdict(await probe(pool, tContainer));
    expect(v.ready).toBe(false);
    const ptrace = v.reasons.find((r) => r.code === "cap_sys_ptrace_missing");
    expect(ptrace?.message).toBe(
      "CAP_SYS_PTRACE missing — this is an unprivileged container; choose a VM or bare-metal offer",
    );
    expect(ptrace?.fix).toMatch(/VM or bare-metal/);
    expect(v.reasons.map((r) => r.code)).toContain("seccomp_filtered");
  });
});

describe("setup", () => {
  it.skipIf(!isRoot)("streams the guide's steps and turns old-driver into ready", async () => {
    const before = verdict(await probe(pool, tOld));
    expect(before.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(["driver_too_old", "cuda_checkpoint_missing", "persistence_off"]),
    );
    const lines: SetupLine[] = [];
    const r = await setup(pool, tOld, { onLine: (l) => lines.push(l) });
    expect(r.ok).toBe(true);
    expect(r.driverBefore).toBe("535.183.01");
    expect(r.driverAfter).toBe("570.133.20");
    expect(lines).toContainEqual({ step: "driver", line: "Setting up nvidia-driver-570 (570.133.20-0ubuntu1) ..." });
    expect(lines).toContainEqual({
      step: "cuda_checkpoint",
      line: `Cloning into '${path.join(oldDriver.homeDir, "cuda-checkpoint")}'...`,
    });
    expect(lines.some((l) => l.step === "persistence" && l.line === "All done.")).toBe(true);
    expect(r.steps.map((s) => [s.name, s.exitCode])).toEqual([
      ["apt_update", 0],
      ["driver", 0],
      ["cuda_checkpoint", 0],
      ["cc_help", 0],
      ["persistence", 0],
    ]);
    expect(r.verdict?.ready).toBe(true);
  });
});

describe("processes, checkpoint, restore", () => {
  it("lists CUDA processes with state and memory", async () => {
    const a = await ready.startJob({ name: "python3", memMiB: 8192 });
    const b = await ready.startJob({ name: "vllm", memMiB: 2048 });
    const list = await processes(pool, tReady);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pid: a,
          name: "python3",
          usedMemoryMiB: 8192,
          state: "running",
          inComputeApps: true,
          alive: true,
        }),
        expect.objectContaining({ pid: b, name: "vllm", usedMemoryMiB: 2048, state: "running" }),
      ]),
    );
    await ready.stopJobs();
  });

  it("checkpoint then restore, reading the state back after every step", async () => {
    const pid = await ready.startJob({ memMiB: 4096 });
    const ck = await checkpoint(pool, tReady, pid, { timeoutMs: 5000 });
    expect(ck.error).toBeUndefined();
    const r = ck.record;
    expect(r).toMatchObject({
      action: "checkpoint",
      pid,
      bytes: 4096 * 1024 * 1024,
      initialState: "running",
      finalState: "checkpointed",
    });
    expect(r.steps.map((s) => [s.name, s.state ?? s.exitCode])).toEqual([
      ["state_before", "running"],
      ["lock", 0],
      ["state_after_lock", "locked"],
      ["checkpoint", 0],
      ["state_after_checkpoint", "checkpointed"],
    ]);
    expect(Date.parse(r.endedAt) - Date.parse(r.startedAt)).toBeGreaterThanOrEqual(0);

    // Checkpointed processes leave nvidia-smi; the caller's list brings them back.
    const list = await processes(pool, tReady, [{ pid, usedMemoryMiB: 4096 }]);
    expect(list).toEqual([
      expect.objectContaining({ pid, state: "checkpointed", inComputeApps: false, usedMemoryMiB: 4096 }),
    ]);

    const rs = await restore(pool, tReady, pid);
    expect(rs.error).toBeUndefined();
    expect(rs.record).toMatchObject({
      action: "restore",
      initialState: "checkpointed",
      finalState: "running",
      bytes: 4096 * 1024 * 1024,
    });
    expect(rs.record.steps.map((s) => s.name)).toEqual([
      "state_before",
      "restore",
      "state_after_restore",
      "unlock",
      "state_after_unlock",
    ]);
    expect(rs.record.steps.find((s) => s.name === "state_after_restore")?.state).toBe("locked");
    expect((await processes(pool, tReady)).find((p) => p.pid === pid)?.state).toBe("running");
    await ready.stopJobs();
  });

  it.skipIf(!isRoot)("with CRIU: dump (process gone) and restore with the same PID", async () => {
    const pid = await ready.startJob({ memMiB: 1024 });
    const ck = await checkpoint(pool, tReady, pid, { criu: true });
    expect(ck.error).toBeUndefined();
    expect(ck.record.finalState).toBe("gone");
    expect(ck.record.imagePath).toContain(ck.record.operationId);
    expect((await processes(pool, tReady, [pid]))[0]).toMatchObject({ pid, alive: false, state: "gone" });
    const rs = await restore(pool, tReady, pid, { criu: true, checkpointOperationId: ck.record.operationId });
    expect(rs.error).toBeUndefined();
    expect(rs.record.steps[0]).toMatchObject({ name: "criu_restore", exitCode: 0 });
    expect(rs.record.finalState).toBe("running");
    await ready.stopJobs();
  });

  it("refuses a PID that is not a CUDA process, one that does not exist, and a bad PID", async () => {
    const notCuda = await checkpoint(pool, tReady, process.pid);
    expect(notCuda.error).toBeInstanceOf(NotCudaProcessError);
    expect(notCuda.record).toMatchObject({
      pid: process.pid,
      bytes: null,
      initialState: null,
      finalState: "unknown",
      error: { code: "not_cuda_process" },
    });

    const gone = await checkpoint(pool, tReady, 4_000_000);
    expect(gone.error).toBeInstanceOf(NoSuchProcessError);

    const bad = await checkpoint(pool, tReady, -5);
    expect(bad.error).toBeInstanceOf(InvalidArgumentError);
    expect(bad.record.steps).toEqual([]);
    await expect(processes(pool, tReady, [1.5])).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("a lock that exceeds --timeout is a LockTimeoutError and the process stays running", async () => {
    const pid = await ready.startJob({ busyMs: 5000 });
    const o = await checkpoint(pool, tReady, pid, { timeoutMs: 200 });
    expect(o.error).toBeInstanceOf(LockTimeoutError);
    expect(o.record.finalState).toBe("running");
    expect(o.record.steps.at(-1)).toMatchObject({ name: "state_after_lock", state: "running" });
    await ready.stopJobs();
  });
});

describe("failures of the transport", () => {
  it("a hanging command times out, is killed remotely, and the record reads the state back", async () => {
    const pid = await ready.startJob();
    await ready.setJob(pid, "hang_on", "lock");
    const t0 = Date.now();
    const o = await checkpoint(pool, tReady, pid, { timeoutMs: 0, commandTimeoutMs: 1500 });
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(o.error).toBeInstanceOf(CommandTimeoutError);
    expect(o.record.error?.code).toBe("command_timeout");
    expect(o.record.finalState).toBe("running");
    // The remote `timeout` wrapper kills the hung cuda-checkpoint's process group.
    const deadline = Date.now() + 10_000;
    while (hungSleeps().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(hungSleeps()).toEqual([]);
    await ready.stopJobs();

    const t1 = Date.now();
    await expect(pool.exec(tReady, "sleep 30", [], { timeoutMs: 300 })).rejects.toBeInstanceOf(CommandTimeoutError);
    expect(Date.now() - t1).toBeLessThan(3000);
  });

  it("a connection cut mid-command ends in ConnectionLostError, a consistent record, and a reconnect", async () => {
    const pid = await ready.startJob({ busyMs: 3000 });
    const pending = checkpoint(pool, tReady, pid, { timeoutMs: 0 });
    await new Promise((r) => setTimeout(r, 700));
    expect(sshd.killSessions()).toBeGreaterThan(0);
    const o = await pending;
    expect(o.error).toBeInstanceOf(ConnectionLostError);
    expect(o.record.error?.code).toBe("connection_lost");
    expect(o.record.initialState).toBe("running");
    expect(["running", "locked"]).toContain(o.record.finalState);
    // The pool reconnects on the next command.
    expect((await processes(pool, tReady)).some((p) => p.pid === pid)).toBe(true);
    await new Promise((r) => setTimeout(r, 3000));
    await ready.stopJobs();
  });

  it("a changed host key is refused with both fingerprints", async () => {
    const oldFp = sshd.hostFingerprint;
    await probe(pool, tReady); // pinned and connected
    await sshd.restart({ newHostKey: true });
    expect(sshd.hostFingerprint).not.toBe(oldFp);
    const err = await probe(pool, tReady).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostKeyChangedError);
    const hk = err as HostKeyChangedError;
    expect(hk.expectedFingerprint).toBe(oldFp);
    expect(hk.actualFingerprint).toBe(sshd.hostFingerprint);
    expect(hk.message).toContain(oldFp);
    expect(hk.message).toContain(sshd.hostFingerprint);
    expect(hostKeys.pinned.get("m-ready")).toBe(oldFp);
  });
});
