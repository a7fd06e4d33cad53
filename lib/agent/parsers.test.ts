import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { AgentParseError } from "./errors";
import {
  decodeCapEff,
  parseComputeApps,
  parseCriuCheck,
  parseCriuVersion,
  parseCudaCheckpointError,
  parseCudaCheckpointHelp,
  parseCudaState,
  parseGpus,
  parseNvidiaSmiHeader,
  parseProcStatus,
} from "./parsers";

const fx = (name: string) => readFileSync(path.join(__dirname, "fixtures", name), "utf8");

describe("cuda-checkpoint --help", () => {
  it("570: version line and --action/--timeout, no --device-map", () => {
    const h = parseCudaCheckpointHelp(fx("cuda-checkpoint-help-570.txt"));
    expect(h.insufficientDriver).toBe(false);
    expect(h.driverVersion).toBe("570.86.10");
    expect(h.features).toMatchObject({
      toggle: true,
      getState: true,
      action: true,
      timeout: true,
      deviceMap: false,
      getRestoreTid: true,
      launchJob: false,
    });
  });
  it("580: adds --device-map", () => {
    const h = parseCudaCheckpointHelp(fx("cuda-checkpoint-help-580.txt"));
    expect(h.driverVersion).toBe("580.65.06");
    expect(h.features.deviceMap).toBe(true);
    expect(h.features.action).toBe(true);
  });
  it("Insufficient driver (< 550)", () => {
    const h = parseCudaCheckpointHelp(fx("cuda-checkpoint-insufficient-driver.txt"));
    expect(h.insufficientDriver).toBe(true);
    expect(h.driverVersion).toBeNull();
  });
  it("refuses unrelated text with the raw head", () => {
    const raw = "cuda-checkpoint: error while loading shared libraries: libcuda.so.1: cannot open shared object file";
    try {
      parseCudaCheckpointHelp(raw);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AgentParseError);
      expect((e as AgentParseError).rawHead).toBe(raw);
    }
  });
});

describe("cuda-checkpoint states and errors", () => {
  it("parses state words", () => {
    expect(parseCudaState(fx("cuda-checkpoint-state-running.txt"))).toBe("running");
    expect(parseCudaState(fx("cuda-checkpoint-state-checkpointed.txt"))).toBe("checkpointed");
    expect(parseCudaState("locked\n")).toBe("locked");
  });
  it("does not guess at other output", () => {
    expect(() => parseCudaState("Running fine\n")).toThrow(AgentParseError);
    expect(() => parseCudaState("")).toThrow(AgentParseError);
    expect(() => parseCudaState("running\nlocked\n")).toThrow(AgentParseError);
  });
  it("every documented error line is recognised", () => {
    const lines = fx("cuda-checkpoint-errors.txt").trim().split("\n");
    const parsed = lines.map((l) => parseCudaCheckpointError(l));
    expect(parsed.every((p) => p !== null)).toBe(true);
    expect(parsed[0]).toMatchObject({
      kind: "toggle",
      pid: 298027,
      cudaError: "OS call failed or operation not supported on this OS",
    });
    expect(parsed[2]).toMatchObject({ kind: "get_state", pid: 4242, cudaError: "initialization error" });
    expect(parsed[3]).toMatchObject({ kind: "init", pid: null });
    expect(parsed[5]).toMatchObject({ kind: "action", verb: "checkpoint", pid: 1100100, cudaError: "out of memory" });
    expect(parsed[8]).toMatchObject({
      verb: "restore",
      cudaError: "the operation cannot be performed in the present state",
    });
    expect(parsed[9]).toMatchObject({ kind: "restore_tid", pid: 4242 });
    expect(parseCudaCheckpointError(fx("cuda-checkpoint-insufficient-driver.txt"))).toMatchObject({
      kind: "insufficient_driver",
    });
    expect(parseCudaCheckpointError("something else")).toBeNull();
  });
});

describe("nvidia-smi", () => {
  it("compute apps CSV", () => {
    expect(parseComputeApps(fx("nvidia-smi-compute-apps.csv"))).toEqual([
      { pid: 298027, processName: "./counter", usedMemoryMiB: 102 },
      { pid: 1100100, processName: "/usr/bin/python3", usedMemoryMiB: 18212 },
    ]);
    expect(parseComputeApps("")).toEqual([]);
    expect(() => parseComputeApps("298027, counter, 102 MiB")).toThrow(AgentParseError);
    expect(() => parseComputeApps("garbage")).toThrow(AgentParseError);
  });
  it("GPU query CSV", () => {
    const g = parseGpus(fx("nvidia-smi-query-gpu.csv"));
    expect(g).toHaveLength(4);
    expect(g[1]).toEqual({
      index: 1,
      uuid: "GPU-8f4022ba-e0cb-1298-286e-225c953a7feb",
      name: "NVIDIA L4",
      driverVersion: "580.65.06",
      memoryTotalMiB: 23034,
      memoryUsedMiB: 1,
      persistenceMode: true,
      migMode: "N/A",
      pciBusId: "00000000:3A:00.0",
    });
    expect(() => parseGpus("0, GPU-x, L4")).toThrow(AgentParseError);
  });
  it("header line", () => {
    expect(
      parseNvidiaSmiHeader(
        "| NVIDIA-SMI 570.86.10              Driver Version: 570.86.10      CUDA Version: 12.8     |",
      ),
    ).toEqual({
      driverVersion: "570.86.10",
      cudaVersion: "12.8",
    });
    expect(() => parseNvidiaSmiHeader("NVIDIA-SMI has failed")).toThrow(AgentParseError);
  });
});

describe("/proc status and capabilities", () => {
  it("full root", () => {
    const s = parseProcStatus(fx("proc-status-root.txt"));
    expect(s).toMatchObject({ capEff: "000001ffffffffff", seccomp: 0, noNewPrivs: false });
    expect(s.caps).toEqual({ sysPtrace: true, sysAdmin: true, checkpointRestore: true, netAdmin: true });
  });
  it("Docker default: no SYS_PTRACE / SYS_ADMIN / CHECKPOINT_RESTORE, Seccomp 2", () => {
    const s = parseProcStatus(fx("proc-status-docker.txt"));
    expect(s.seccomp).toBe(2);
    expect(s.caps).toEqual({ sysPtrace: false, sysAdmin: false, checkpointRestore: false, netAdmin: false });
  });
  it("decodes single bits", () => {
    expect(decodeCapEff((1n << 19n).toString(16))).toMatchObject({ sysPtrace: true, sysAdmin: false });
    expect(decodeCapEff((1n << 40n).toString(16))).toMatchObject({ checkpointRestore: true, sysPtrace: false });
    expect(() => decodeCapEff("xyz")).toThrow(AgentParseError);
  });
});

describe("criu", () => {
  it("version and check", () => {
    expect(parseCriuVersion(fx("criu-version.txt"))).toBe("4.1");
    expect(parseCriuCheck(fx("criu-check-ok.txt"), 0)).toEqual({ ok: true, summary: "Looks good.", needsCaps: false });
    const bad = parseCriuCheck(fx("criu-check-no-caps.txt"), 1);
    expect(bad.ok).toBe(false);
    expect(bad.needsCaps).toBe(true);
    expect(() => parseCriuVersion("criu: command not found")).toThrow(AgentParseError);
  });
});
