import { z } from "zod";

import { AgentParseError } from "./errors";
import {
  compareVersions,
  parseCriuCheck,
  parseCriuVersion,
  parseCudaCheckpointHelp,
  parseGpus,
  parseNvidiaSmiHeader,
  parseProcStatus,
  type CriuCheck,
  type CudaCheckpointHelp,
  type DecodedCaps,
  type Gpu,
} from "./parsers";
import type { AgentPool, MachineTarget } from "./pool";
import { parseScriptOutput, sectionRc, sectionText, type ScriptOutput } from "./protocol";
import { PROBE_SCRIPT } from "./scripts";

export interface ProbeResult {
  machineId: string;
  probedAt: string;
  kernel: string;
  arch: string;
  uid: number;
  user: string;
  isRoot: boolean;
  passwordlessSudo: boolean;
  /** "/proc/self/status" on real machines; the emulator's fake status file under the GPU emulator. */
  procStatusPath: string;
  capEff: string | null;
  caps: DecodedCaps | null;
  seccomp: number | null;
  noNewPrivs: boolean | null;
  /** Yama ptrace_scope; null when Yama is absent. */
  ptraceScope: number | null;
  memTotalKiB: number | null;
  memAvailableKiB: number | null;
  nvidiaSmiPath: string | null;
  gpus: Gpu[];
  gpuQueryError: string | null;
  driverVersion: string | null;
  cudaVersion: string | null;
  cudaCheckpoint: {
    path: string | null;
    help: CudaCheckpointHelp | null;
    helpExitCode: number | null;
    helpError: string | null;
  };
  criu: { path: string | null; version: string | null; check: CriuCheck | null; cudaPlugin: string | null };
}

const optInt = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === "") return null;
    if (!/^\d+$/.test(s)) {
      ctx.addIssue({ code: "custom", message: `expected an integer, got ${JSON.stringify(s)}` });
      return z.NEVER;
    }
    return Number(s);
  });
const optStr = z
  .string()
  .optional()
  .transform((s) => (s ? s : null));

const probeKvSchema = z.object({
  kernel: z.string().min(1),
  arch: z.string(),
  uid: z.string().regex(/^\d+$/).transform(Number),
  user: z.string(),
  sudo: z.enum(["0", "1"]),
  proc_status_path: z.string().min(1),
  ptrace_scope: optInt,
  mem_total_kb: optInt,
  mem_available_kb: optInt,
  nvidia_smi: optStr,
  cuda_checkpoint: optStr,
  criu: optStr,
  criu_cuda_plugin: optStr,
});

/** Parses the probe script's output (exported for unit tests). */
export function parseProbeOutput(raw: string, machineId: string): ProbeResult {
  const out: ScriptOutput = parseScriptOutput(raw, "probe", { machineId });
  const kv = probeKvSchema.safeParse(out.kv);
  if (!kv.success) {
    throw new AgentParseError(
      "probe output",
      raw,
      kv.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      machineId,
    );
  }
  const k = kv.data;
  const sec = (name: string) => out.sections.find((s) => s.name === name);

  const statusSec = sec("proc_status");
  const status = statusSec && sectionRc(statusSec) === 0 ? parseProcStatus(sectionText(statusSec)) : null;

  let gpus: Gpu[] = [];
  let gpuQueryError: string | null = null;
  const gpuSec = sec("gpus");
  if (gpuSec) {
    if (sectionRc(gpuSec) === 0) gpus = parseGpus(sectionText(gpuSec));
    else gpuQueryError = sectionText(gpuSec).split("\n")[0] || `nvidia-smi exited ${sectionRc(gpuSec)}`;
  }
  let driverVersion = gpus[0]?.driverVersion ?? null;
  let cudaVersion: string | null = null;
  const head = sec("smi_header");
  if (head && /Driver Version:/.test(sectionText(head))) {
    const h = parseNvidiaSmiHeader(sectionText(head));
    driverVersion ??= h.driverVersion;
    cudaVersion = h.cudaVersion;
  }
  const drvProc = sec("driver_proc");
  if (!driverVersion && drvProc)
    driverVersion = /Kernel Module\s+(\d+\.\d+(?:\.\d+)?)/.exec(sectionText(drvProc))?.[1] ?? null;

  const helpSec = sec("cc_help");
  let help: CudaCheckpointHelp | null = null;
  let helpError: string | null = null;
  if (helpSec) {
    const text = sectionText(helpSec);
    try {
      help = parseCudaCheckpointHelp(text);
    } catch (e) {
      if (!(e instanceof AgentParseError)) throw e;
      // A binary that cannot even print its help (e.g. libcuda.so.1 missing) is reported, not guessed at.
      helpError = text.split("\n")[0] || `exit ${sectionRc(helpSec)}`;
    }
  }

  const cv = sec("criu_version");
  const cc = sec("criu_check");
  return {
    machineId,
    probedAt: new Date().toISOString(),
    kernel: k.kernel,
    arch: k.arch,
    uid: k.uid,
    user: k.user,
    isRoot: k.uid === 0,
    passwordlessSudo: k.sudo === "1",
    procStatusPath: k.proc_status_path,
    capEff: status?.capEff ?? null,
    caps: status?.caps ?? null,
    seccomp: status?.seccomp ?? null,
    noNewPrivs: status?.noNewPrivs ?? null,
    ptraceScope: k.ptrace_scope,
    memTotalKiB: k.mem_total_kb,
    memAvailableKiB: k.mem_available_kb,
    nvidiaSmiPath: k.nvidia_smi,
    gpus,
    gpuQueryError,
    driverVersion: driverVersion ?? help?.driverVersion ?? null,
    cudaVersion,
    cudaCheckpoint: { path: k.cuda_checkpoint, help, helpExitCode: helpSec ? sectionRc(helpSec) : null, helpError },
    criu: {
      path: k.criu,
      version: cv && sectionRc(cv) === 0 ? parseCriuVersion(sectionText(cv)) : null,
      check: cc ? parseCriuCheck(sectionText(cc), sectionRc(cc)) : null,
      cudaPlugin: k.criu_cuda_plugin,
    },
  };
}

/** Runs the read-only probe on a machine. */
export async function probe(
  pool: AgentPool,
  target: MachineTarget,
  opts: { timeoutMs?: number } = {},
): Promise<ProbeResult> {
  const r = await pool.exec(target, PROBE_SCRIPT, [], {
    timeoutMs: opts.timeoutMs ?? 30_000,
    idempotent: true,
    what: "probe",
  });
  try {
    return parseProbeOutput(r.stdout, target.id);
  } catch (e) {
    if (e instanceof AgentParseError && r.stderr) {
      throw new AgentParseError(e.what, `${r.stdout}\n--- stderr ---\n${r.stderr}`, e.issues, target.id);
    }
    throw e;
  }
}

// ---------- verdict ----------

export type ReasonCode =
  | "not_root"
  | "cap_sys_ptrace_missing"
  | "cap_sys_admin_missing"
  | "seccomp_filtered"
  | "ptrace_scope_blocked"
  | "nvidia_smi_missing"
  | "no_gpus"
  | "driver_too_old"
  | "driver_without_action"
  | "driver_without_lock_timeout"
  | "cuda_checkpoint_missing"
  | "cuda_checkpoint_broken"
  | "persistence_off"
  | "mig_enabled"
  | "criu_missing"
  | "criu_too_old"
  | "criu_check_failed"
  | "host_ram_low";

export interface VerdictReason {
  code: ReasonCode;
  /** blockers make the machine not ready; warnings limit what works (e.g. CRIU dumps). */
  severity: "blocker" | "warning";
  message: string;
  fix: string;
}

export interface Verdict {
  ready: boolean;
  /** Whole-process C/R with CRIU on top of GPU C/R. */
  criuReady: boolean;
  reasons: VerdictReason[];
}

const VM_FIX = "choose a VM or bare-metal offer (root on the host, no seccomp filter)";

/** Pure readiness verdict from a probe: blockers make it not ready, warnings limit what works. */
export function verdict(p: ProbeResult): Verdict {
  const reasons: VerdictReason[] = [];
  const add = (code: ReasonCode, severity: VerdictReason["severity"], message: string, fix: string) =>
    reasons.push({ code, severity, message, fix });

  if (!p.isRoot && !p.passwordlessSudo) {
    add(
      "not_root",
      "blocker",
      `running as uid ${p.uid} without passwordless sudo — cuda-checkpoint and CRIU need root`,
      "log in as root or grant passwordless sudo",
    );
  }
  const container = p.caps !== null && !p.caps.sysPtrace && !p.caps.sysAdmin;
  if (p.caps && !p.caps.sysPtrace) {
    add(
      "cap_sys_ptrace_missing",
      "blocker",
      `CAP_SYS_PTRACE missing — this is an unprivileged container; ${VM_FIX.split(" (")[0]}`,
      VM_FIX,
    );
  }
  if (p.caps && !p.caps.sysAdmin && !p.caps.checkpointRestore) {
    add(
      "cap_sys_admin_missing",
      "blocker",
      `CAP_SYS_ADMIN and CAP_CHECKPOINT_RESTORE missing${container ? " — unprivileged container" : ""}; CRIU cannot dump or restore`,
      VM_FIX,
    );
  }
  if (p.seccomp !== null && p.seccomp !== 0) {
    add(
      "seccomp_filtered",
      "blocker",
      `seccomp filter active (Seccomp ${p.seccomp}) — CRIU's CUDA plugin needs PTRACE_O_SUSPEND_SECCOMP, which a filtered process cannot use`,
      "run on a host (or a container with --security-opt seccomp=unconfined and --privileged)",
    );
  }
  if (p.ptraceScope === 3) {
    add(
      "ptrace_scope_blocked",
      "blocker",
      "kernel.yama.ptrace_scope is 3 — no process can be attached until reboot",
      "set kernel.yama.ptrace_scope=1 in sysctl.conf and reboot",
    );
  }
  if (!p.nvidiaSmiPath) {
    add(
      "nvidia_smi_missing",
      "blocker",
      "nvidia-smi not found — no NVIDIA driver installed",
      "sudo apt-get install -y nvidia-driver-570 && sudo reboot",
    );
  } else if (p.gpus.length === 0) {
    add(
      "no_gpus",
      "blocker",
      `nvidia-smi lists no GPUs${p.gpuQueryError ? `: ${p.gpuQueryError}` : ""}`,
      "check that the driver is loaded (reboot after installing it)",
    );
  }
  const drv = p.driverVersion;
  const major = drv ? Number(drv.split(".")[0]) : null;
  if (major !== null && major < 550) {
    add(
      "driver_too_old",
      "blocker",
      `driver ${major} < 550 — cuda-checkpoint needs R550+ (570+ for lock timeouts)`,
      "sudo apt-get install -y nvidia-driver-570 && sudo reboot",
    );
  }
  const cc = p.cudaCheckpoint;
  if (!cc.path) {
    add(
      "cuda_checkpoint_missing",
      "blocker",
      "cuda-checkpoint not found — clone NVIDIA/cuda-checkpoint",
      "git clone https://github.com/NVIDIA/cuda-checkpoint.git ~/cuda-checkpoint (or put cuda-checkpoint on PATH)",
    );
  } else if (cc.help?.insufficientDriver) {
    if (!reasons.some((r) => r.code === "driver_too_old")) {
      add(
        "driver_too_old",
        "blocker",
        'cuda-checkpoint says "Insufficient driver" — the driver is older than 550',
        "sudo apt-get install -y nvidia-driver-570 && sudo reboot",
      );
    }
  } else if (!cc.help) {
    add(
      "cuda_checkpoint_broken",
      "blocker",
      `cuda-checkpoint at ${cc.path} does not run: ${cc.helpError ?? "no help output"}`,
      "install the NVIDIA driver (libcuda.so.1) that matches the GPU",
    );
  } else {
    if (!cc.help.features.action) {
      add(
        "driver_without_action",
        "blocker",
        `driver ${cc.help.driverVersion} offers only --toggle; --action lock/checkpoint/restore/unlock needs R555+`,
        "sudo apt-get install -y nvidia-driver-570 && sudo reboot",
      );
    } else if (!cc.help.features.timeout) {
      add(
        "driver_without_lock_timeout",
        "warning",
        `driver ${cc.help.driverVersion} has no lock --timeout (R570+); a busy process can stall a checkpoint`,
        "sudo apt-get install -y nvidia-driver-570 && sudo reboot",
      );
    }
  }
  const pmOff = p.gpus.filter((g) => !g.persistenceMode);
  if (pmOff.length) {
    add(
      "persistence_off",
      "blocker",
      `persistence mode is off on GPU ${pmOff.map((g) => g.index).join(", ")} — restore fails with "operation not permitted"`,
      "sudo nvidia-smi -pm 1",
    );
  }
  const mig = p.gpus.filter((g) => g.migMode === "Enabled");
  if (mig.length) {
    add(
      "mig_enabled",
      "warning",
      `MIG is enabled on GPU ${mig.map((g) => g.index).join(", ")} — cuda-checkpoint does not support MIG`,
      "disable MIG: sudo nvidia-smi -mig 0",
    );
  }
  const gpuUsedKiB = p.gpus.reduce((s, g) => s + g.memoryUsedMiB * 1024, 0);
  if (p.memAvailableKiB !== null && gpuUsedKiB > p.memAvailableKiB) {
    add(
      "host_ram_low",
      "warning",
      `GPU memory in use (${Math.round(gpuUsedKiB / 1048576)} GiB) exceeds free host RAM (${Math.round(p.memAvailableKiB / 1048576)} GiB)`,
      "choose an offer with more host RAM than GPU memory",
    );
  }

  // CRIU: only needed for whole-process checkpoints (to disk / migration).
  let criuOk = true;
  if (!p.criu.path) {
    criuOk = false;
    add(
      "criu_missing",
      "warning",
      "criu not found — GPU-only checkpoints work, whole-process dumps do not",
      "build CRIU >= 4.0 from source (Ubuntu's apt criu 3.16 has no CUDA plugin)",
    );
  } else {
    if (p.criu.version && compareVersions(p.criu.version, "4.0") < 0) {
      criuOk = false;
      add("criu_too_old", "warning", `criu ${p.criu.version} < 4.0 — no CUDA plugin`, "build CRIU >= 4.0 from source");
    }
    if (p.criu.check && !p.criu.check.ok) {
      criuOk = false;
      add(
        "criu_check_failed",
        "warning",
        `criu check: ${p.criu.check.summary}`,
        p.criu.check.needsCaps ? VM_FIX : "see `criu check` output",
      );
    }
  }
  const ready = !reasons.some((r) => r.severity === "blocker");
  return { ready, criuReady: ready && criuOk, reasons };
}
