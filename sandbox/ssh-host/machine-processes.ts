/**
 * Finding and killing an emulated machine's processes. A sandbox machine is a folder, not a VM, so
 * "the machine stopped, its processes died" has to be done by hand: jobs started with `start-job`
 * run under `setsid` (they outlive the SSH session that started them, as on a real machine), so
 * killing session process groups is not enough. Every process of a machine inherits its
 * `DUMONT_GPU_STATE_DIR`, which is unique per machine folder, so that variable identifies them.
 */
import { readFileSync, readdirSync } from "node:fs";

/** SIGKILLs a process group (a session's `bash -c`, spawned as a group leader); ignores "gone". */
export function killProcessGroup(pgid: number | undefined, signal: NodeJS.Signals | number = "SIGKILL"): void {
  if (!pgid || pgid <= 1) return;
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/** PIDs (other than this process) whose environment has exactly `name=value`. Synchronous: usable from an exit hook. */
export function pidsWithEnv(name: string, value: string): number[] {
  const needle = Buffer.from(`${name}=${value}\0`);
  const out: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return out; // no procfs (not Linux): nothing we can find
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    const pid = Number(d);
    if (pid === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${d}/environ`);
      // The variable can be first (no leading NUL) or anywhere after a NUL.
      if (env.subarray(0, needle.length).equals(needle) || env.includes(Buffer.concat([Buffer.from([0]), needle])))
        out.push(pid);
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return out;
}

/** SIGKILLs every process of one emulated machine (identified by its state dir). Returns how many. */
export function killMachineProcesses(stateDir: string): number {
  // Two passes: a supervisor shell killed in the first pass cannot fork any more, but a process
  // that was mid-fork during the scan shows up only in the second.
  let n = 0;
  for (let pass = 0; pass < 2; pass++) {
    const pids = pidsWithEnv("DUMONT_GPU_STATE_DIR", stateDir);
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
        n++;
      } catch {
        /* gone */
      }
    }
    if (!pids.length) break;
  }
  return n;
}
