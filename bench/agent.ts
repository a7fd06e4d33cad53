import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runAgentBench } from "@/lib/agent/bench";
import { startSshd } from "@/test/agent/start-sshd";
import { installGpuEmulator } from "@/sandbox/gpu-emulator";
import { row, type BenchRow } from "./types";

/**
 * Issue 4: one agent command's latency against a plain `ssh` running the same command on the same
 * sshd, and one state refresh across 100 SSH connections on loopback.
 */
export async function benchAgent(): Promise<BenchRow[]> {
  const root = mkdtempSync(path.join(tmpdir(), "dumont-bench-agent-"));
  const emu = await installGpuEmulator(root, "ready", { timeScale: 0 });
  const sshd = await startSshd({ env: emu.env, maxStartups: 200, maxSessions: 200 });
  try {
    await emu.startJob({ memMiB: 1024 });
    await emu.startJob({ memMiB: 2048 });
    const f = await runAgentBench(sshd, { runs: 15, connections: 100 });
    return [
      row({
        issue: "4",
        name: "agent `noop` (pooled connection), median",
        value: Math.round(f.noop.agentWarmMedianMs * 10) / 10,
        unit: "ms",
        versus: "plain ssh, same command and sshd",
        versusValue: Math.round(f.noop.sshMedianMs * 10) / 10,
        note: `agent with a new connection: ${Math.round(f.noop.agentColdMedianMs)} ms`,
      }),
      row({
        issue: "4",
        name: "agent `processes` (pooled connection), median",
        value: Math.round(f.processes.agentWarmMedianMs * 10) / 10,
        unit: "ms",
        versus: "plain ssh, same script",
        versusValue: Math.round(f.processes.sshMedianMs * 10) / 10,
        note: `agent with a new connection: ${Math.round(f.processes.agentColdMedianMs)} ms`,
      }),
      row({
        issue: "4",
        name: "state refresh of 100 machines (100 connections), one cycle",
        value: Math.round(f.refresh.warmCycleMs),
        unit: "ms",
        versus: "the same cycle opening every connection",
        versusValue: Math.round(f.refresh.coldCycleMs),
        note: `${f.refresh.failures} failures; bash emulator scripts dominate on 2 cores`,
      }),
    ];
  } finally {
    await emu.stopJobs();
    await sshd.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
