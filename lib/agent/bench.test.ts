import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { installGpuEmulator, type GpuEmulator } from "@/sandbox/gpu-emulator";

import { benchCommandLatency, benchStateRefresh, median } from "./bench";
import { ensureSshd } from "@/test/agent/ensure-sshd";
import { startSshd, type SshdHandle } from "@/test/agent/start-sshd";

// Figures are not asserted (benchmarks never fail a build on a time); this checks the helpers run.
let sshd: SshdHandle;
let emu: GpuEmulator;
const root = mkdtempSync(path.join(tmpdir(), "agent-bench-"));

beforeAll(async () => {
  emu = await installGpuEmulator(root, "ready", { timeScale: 0 });
  sshd = await startSshd({ env: emu.env });
  await emu.startJob({ memMiB: 1024 });
});
afterAll(async () => {
  await emu?.stopJobs();
  await sshd?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("bench helpers", () => {
  it("median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it.skipIf(!ensureSshd().ssh)("agent vs ssh latency returns figures", async () => {
    const f = await benchCommandLatency(sshd, { runs: 2 });
    expect(f.runs).toBe(2);
    for (const v of [f.agentWarmMedianMs, f.agentColdMedianMs, f.sshMedianMs]) expect(v).toBeGreaterThan(0);
  });

  it("state refresh across many connections returns figures", async () => {
    const f = await benchStateRefresh(sshd, { connections: 10 });
    expect(f).toMatchObject({ connections: 10, failures: 0 });
    expect(f.warmCycleMs).toBeGreaterThan(0);
  });
});
