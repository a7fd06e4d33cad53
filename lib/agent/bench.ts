/**
 * Bench helpers (figures only; nothing is printed here): one agent command vs the same command
 * through the OpenSSH client, and one state refresh across many SSH connections.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { memoryHostKeyStore } from "./host-keys";
import { AgentPool, type MachineTarget } from "./pool";
import { processes } from "./processes";
import { parseScriptOutput } from "./protocol";
import { PROCESSES_SCRIPT } from "./scripts";
import { wrapScript } from "./shell";

/** What the bench needs to reach one sshd (an SshdHandle from test/agent/start-sshd.ts fits). */
export interface BenchSshEndpoint {
  host: string;
  port: number;
  username: string;
  hostKeyPath: string;
  client: { privateKey: string; privateKeyPath: string };
}

/** A script that does nothing but answer: isolates the SSH round trip from the GPU tools. */
const NOOP_SCRIPT = "printf '@@begin noop v1\\n@@end rc=0\\n'";

export type BenchCommand = "processes" | "noop";

export interface LatencyFigures {
  command: BenchCommand;
  runs: number;
  /** Agent over its pooled (already open) connection. */
  agentWarmMedianMs: number;
  /** Agent with a fresh connection per run (handshake included). */
  agentColdMedianMs: number;
  /** `ssh -o BatchMode=yes host bash -s < script`, one process and connection per run. */
  sshMedianMs: number;
  /** sshMedianMs / agentWarmMedianMs */
  warmSpeedup: number;
}

export interface RefreshFigures {
  connections: number;
  /** One refresh cycle that also opens every connection. */
  coldCycleMs: number;
  /** The next cycle on the open connections. */
  warmCycleMs: number;
  warmPerMachineMedianMs: number;
  failures: number;
}

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number) => Math.round(x * 10) / 10;

function target(ep: BenchSshEndpoint, id: string): MachineTarget {
  return { id, host: ep.host, port: ep.port, username: ep.username, privateKey: ep.client.privateKey };
}

function runSsh(sshPath: string, ep: BenchSshEndpoint, knownHosts: string, input: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(
      sshPath,
      [
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        `UserKnownHostsFile=${knownHosts}`,
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "LogLevel=ERROR",
        "-i",
        ep.client.privateKeyPath,
        "-p",
        String(ep.port),
        `${ep.username}@${ep.host}`,
        "bash -s --",
      ],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0 || !out.includes("@@end")) reject(new Error(`ssh exited ${code}: ${err.slice(0, 500)}`));
      else resolve(performance.now() - t0);
    });
    p.stdin.end(input);
  });
}

/** Median latency of one command (default `processes`): agent (warm and cold) vs OpenSSH `ssh`. */
export async function benchCommandLatency(
  ep: BenchSshEndpoint,
  opts: { runs?: number; sshPath?: string; command?: BenchCommand } = {},
): Promise<LatencyFigures> {
  const runs = opts.runs ?? 20;
  const command = opts.command ?? "processes";
  const script = command === "noop" ? NOOP_SCRIPT : PROCESSES_SCRIPT;
  const agentRun = async (p: AgentPool, t: MachineTarget) => {
    if (command === "processes") await processes(p, t);
    else parseScriptOutput((await p.exec(t, NOOP_SCRIPT, [], { what: "noop" })).stdout, "noop");
  };
  const dir = mkdtempSync(path.join(tmpdir(), "dumont-bench-"));
  const knownHosts = path.join(dir, "known_hosts");
  const hostPub = readFileSync(`${ep.hostKeyPath}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
  writeFileSync(knownHosts, `[${ep.host}]:${ep.port} ${hostPub}\n`);
  const pool = new AgentPool({ hostKeys: memoryHostKeyStore() });
  try {
    const warm: number[] = [];
    const cold: number[] = [];
    const ssh: number[] = [];
    const t = target(ep, "bench-warm");
    await agentRun(pool, t); // open the pooled connection
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      await agentRun(pool, t);
      warm.push(performance.now() - t0);

      const coldPool = new AgentPool({ hostKeys: memoryHostKeyStore() });
      t0 = performance.now();
      await agentRun(coldPool, target(ep, `bench-cold-${i}`));
      cold.push(performance.now() - t0);
      coldPool.closeAll();

      ssh.push(await runSsh(opts.sshPath ?? "ssh", ep, knownHosts, wrapScript(script)));
    }
    const w = median(warm);
    const s = median(ssh);
    return {
      command,
      runs,
      agentWarmMedianMs: round(w),
      agentColdMedianMs: round(median(cold)),
      sshMedianMs: round(s),
      warmSpeedup: round(s / w),
    };
  } finally {
    pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One state refresh (`processes`) across `connections` machines, all on the same sshd. */
export async function benchStateRefresh(
  ep: BenchSshEndpoint,
  opts: { connections?: number } = {},
): Promise<RefreshFigures> {
  const n = opts.connections ?? 100;
  const pool = new AgentPool({ hostKeys: memoryHostKeyStore(), readyTimeoutMs: 60_000 });
  const targets = Array.from({ length: n }, (_, i) => target(ep, `bench-m${i}`));
  let failures = 0;
  const cycle = async () => {
    const per: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      targets.map(async (t) => {
        const s = performance.now();
        try {
          await processes(pool, t, [], { timeoutMs: 60_000 });
          per.push(performance.now() - s);
        } catch {
          failures++;
        }
      }),
    );
    return { total: performance.now() - t0, per };
  };
  try {
    const cold = await cycle();
    const warm = await cycle();
    return {
      connections: n,
      coldCycleMs: round(cold.total),
      warmCycleMs: round(warm.total),
      warmPerMachineMedianMs: round(median(warm.per)),
      failures,
    };
  } finally {
    pool.closeAll();
  }
}

/** All figures: latency of `noop` and `processes` (agent vs ssh), and one 100-connection refresh. */
export async function runAgentBench(
  ep: BenchSshEndpoint,
  opts: { runs?: number; connections?: number; sshPath?: string } = {},
): Promise<{ noop: LatencyFigures; processes: LatencyFigures; refresh: RefreshFigures }> {
  return {
    noop: await benchCommandLatency(ep, { ...opts, command: "noop" }),
    processes: await benchCommandLatency(ep, { ...opts, command: "processes" }),
    refresh: await benchStateRefresh(ep, opts),
  };
}
