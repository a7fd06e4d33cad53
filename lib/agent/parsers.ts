/**
 * Parsers for the real tools' outputs (nvidia-smi CSV, cuda-checkpoint, criu, /proc status).
 * Each validates with zod; output that does not fit throws AgentParseError with the raw head.
 */
import { z } from "zod";

import { AgentParseError } from "./errors";

function fail(what: string, raw: string, issues: string[]): never {
  throw new AgentParseError(what, raw, issues);
}

function zodIssues(e: z.ZodError): string[] {
  return e.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}

function nonEmptyLines(raw: string): string[] {
  return raw
    .split("\n")
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l.trim() !== "");
}

const intString = z.string().regex(/^\d+$/).transform(Number);

// ---------- nvidia-smi ----------

export const computeAppSchema = z.object({
  pid: z.number().int().positive(),
  processName: z.string(),
  usedMemoryMiB: z.number().int().nonnegative(),
});
export type ComputeApp = z.infer<typeof computeAppSchema>;

/** `nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv,noheader,nounits` */
export function parseComputeApps(raw: string): ComputeApp[] {
  const out: ComputeApp[] = [];
  for (const line of nonEmptyLines(raw)) {
    if (/^No running (compute )?processes found/i.test(line.trim())) continue;
    const parts = line.split(", ");
    if (parts.length < 3) fail("nvidia-smi compute apps", raw, [`expected 3 fields in ${JSON.stringify(line)}`]);
    const pid = intString.safeParse(parts[0]!.trim());
    const mem = intString.safeParse(parts[parts.length - 1]!.trim());
    const name = parts.slice(1, -1).join(", ").trim();
    const r = computeAppSchema.safeParse({
      pid: pid.success ? pid.data : NaN,
      processName: name,
      usedMemoryMiB: mem.success ? mem.data : NaN,
    });
    if (!r.success) fail("nvidia-smi compute apps", raw, [`${JSON.stringify(line)}: ${zodIssues(r.error).join(", ")}`]);
    out.push(r.data);
  }
  return out;
}

/** Fields the probe asks for, in this order. */
export const GPU_QUERY_FIELDS = [
  "index",
  "uuid",
  "name",
  "driver_version",
  "memory.total",
  "memory.used",
  "persistence_mode",
  "mig.mode.current",
  "pci.bus_id",
] as const;

export const gpuSchema = z.object({
  index: z.number().int().nonnegative(),
  uuid: z.string().regex(/^(GPU|MIG)-[0-9a-fA-F-]+$/),
  name: z.string().min(1),
  driverVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/),
  memoryTotalMiB: z.number().int().nonnegative(),
  memoryUsedMiB: z.number().int().nonnegative(),
  persistenceMode: z.boolean(),
  migMode: z.enum(["Enabled", "Disabled", "N/A"]),
  pciBusId: z.string(),
});
export type Gpu = z.infer<typeof gpuSchema>;

/** `nvidia-smi --query-gpu=<GPU_QUERY_FIELDS> --format=csv,noheader,nounits` */
export function parseGpus(raw: string): Gpu[] {
  const out: Gpu[] = [];
  for (const line of nonEmptyLines(raw)) {
    const p = line.split(", ").map((s) => s.trim());
    if (p.length < GPU_QUERY_FIELDS.length)
      fail("nvidia-smi GPU query", raw, [`expected ${GPU_QUERY_FIELDS.length} fields in ${JSON.stringify(line)}`]);
    // A GPU name could hold ", ": take fixed fields from both ends.
    const tail = p.slice(-6);
    const name = p.slice(2, p.length - 6).join(", ");
    const mig = tail[4]!.replace(/^\[|\]$/g, "");
    const r = gpuSchema.safeParse({
      index: /^\d+$/.test(p[0]!) ? Number(p[0]) : NaN,
      uuid: p[1],
      name,
      driverVersion: tail[0],
      memoryTotalMiB: /^\d+$/.test(tail[1]!) ? Number(tail[1]) : NaN,
      memoryUsedMiB: /^\d+$/.test(tail[2]!) ? Number(tail[2]) : NaN,
      persistenceMode: tail[3] === "Enabled" ? true : tail[3] === "Disabled" ? false : undefined,
      migMode: mig,
      pciBusId: tail[5],
    });
    if (!r.success) fail("nvidia-smi GPU query", raw, [`${JSON.stringify(line)}: ${zodIssues(r.error).join(", ")}`]);
    out.push(r.data);
  }
  return out;
}

/** The header line of plain `nvidia-smi`. */
export function parseNvidiaSmiHeader(raw: string): { driverVersion: string; cudaVersion: string | null } {
  const m = /Driver Version:\s*(\d+\.\d+(?:\.\d+)?)(?:\s+CUDA Version:\s*(\d+\.\d+))?/.exec(raw);
  if (!m) fail("nvidia-smi header", raw, ["no 'Driver Version:' in output"]);
  return { driverVersion: m[1]!, cudaVersion: m[2] ?? null };
}

// ---------- cuda-checkpoint ----------

export const CUDA_STATES = ["running", "locked", "checkpointed", "failed", "checkpointing", "restoring"] as const;
export const cudaStateSchema = z.enum(CUDA_STATES);
export type CudaState = z.infer<typeof cudaStateSchema>;

/** `cuda-checkpoint --get-state --pid P`: one lowercase word. Anything else is not guessed at. */
export function parseCudaState(raw: string): CudaState {
  const lines = nonEmptyLines(raw);
  const r = cudaStateSchema.safeParse(lines.length === 1 ? lines[0]!.trim() : undefined);
  if (!r.success) fail("cuda-checkpoint --get-state", raw, [`expected one of ${CUDA_STATES.join("|")}`]);
  return r.data;
}

export const cudaCheckpointHelpSchema = z.object({
  insufficientDriver: z.boolean(),
  driverVersion: z.string().nullable(),
  features: z.object({
    toggle: z.boolean(),
    getState: z.boolean(),
    action: z.boolean(),
    timeout: z.boolean(),
    deviceMap: z.boolean(),
    getRestoreTid: z.boolean(),
    launchJob: z.boolean(),
  }),
});
export type CudaCheckpointHelp = z.infer<typeof cudaCheckpointHelpSchema>;

/** `cuda-checkpoint --help`: the "Version X. Copyright" line and the flags it lists. */
export function parseCudaCheckpointHelp(raw: string): CudaCheckpointHelp {
  if (/^Insufficient driver\s*$/m.test(raw)) {
    return {
      insufficientDriver: true,
      driverVersion: null,
      features: {
        toggle: false,
        getState: false,
        action: false,
        timeout: false,
        deviceMap: false,
        getRestoreTid: false,
        launchJob: false,
      },
    };
  }
  const v = /^Version (\d+\.\d+(?:\.\d+)?)\. Copyright/m.exec(raw);
  if (!v || !/CUDA checkpoint and restore utility/.test(raw)) {
    fail("cuda-checkpoint --help", raw, ["no 'CUDA checkpoint and restore utility.' / 'Version X. Copyright' lines"]);
  }
  const has = (flag: string) => new RegExp(`(^|[\\s|\\[])${flag.replace(/-/g, "\\-")}(?=[\\s|\\]]|$)`, "m").test(raw);
  return cudaCheckpointHelpSchema.parse({
    insufficientDriver: false,
    driverVersion: v[1],
    features: {
      toggle: has("--toggle"),
      getState: has("--get-state"),
      action: has("--action"),
      timeout: has("--timeout"),
      deviceMap: has("--device-map"),
      getRestoreTid: has("--get-restore-tid"),
      launchJob: has("--launch-job"),
    },
  });
}

export interface CudaCheckpointMessage {
  kind: "action" | "toggle" | "get_state" | "init" | "restore_tid" | "insufficient_driver" | "loader";
  /** lock | checkpoint | restore | unlock for kind "action". */
  verb: string | null;
  pid: number | null;
  /** The quoted CUDA error string, e.g. "out of memory". */
  cudaError: string | null;
  line: string;
}

/** Recognises the error forms cuda-checkpoint prints (as its issues quote them). Returns null when none matches. */
export function parseCudaCheckpointError(raw: string): CudaCheckpointMessage | null {
  for (const line of nonEmptyLines(raw)) {
    let m: RegExpExecArray | null;
    if ((m = /^Could not (lock|checkpoint|restore|unlock) on process ID (\d+): "(.*)"\s*$/.exec(line)))
      return { kind: "action", verb: m[1]!, pid: Number(m[2]), cudaError: m[3]!, line };
    if ((m = /^Error toggling CUDA in process ID (\d+): "(.*)"\s*$/.exec(line)))
      return { kind: "toggle", verb: "toggle", pid: Number(m[1]), cudaError: m[2]!, line };
    if ((m = /^Error getting process state for process ID (\d+): "(.*)"\s*$/.exec(line)))
      return { kind: "get_state", verb: null, pid: Number(m[1]), cudaError: m[2]!, line };
    if ((m = /^Error initializing CUDA: "(.*)"\s*$/.exec(line)))
      return { kind: "init", verb: null, pid: null, cudaError: m[1]!, line };
    if ((m = /^Could not find restore thread for process ID (\d+)\s*$/.exec(line)))
      return { kind: "restore_tid", verb: null, pid: Number(m[1]), cudaError: null, line };
    if (/^Insufficient driver\s*$/.test(line))
      return { kind: "insufficient_driver", verb: null, pid: null, cudaError: null, line };
    if (/error while loading shared libraries: libcuda\.so/.test(line))
      return { kind: "loader", verb: null, pid: null, cudaError: null, line };
  }
  return null;
}

// ---------- /proc/<pid>/status ----------

export const CAP_BITS = {
  CAP_NET_ADMIN: 12,
  CAP_SYS_CHROOT: 18,
  CAP_SYS_PTRACE: 19,
  CAP_SYS_ADMIN: 21,
  CAP_CHECKPOINT_RESTORE: 40,
} as const;

export interface DecodedCaps {
  sysPtrace: boolean;
  sysAdmin: boolean;
  checkpointRestore: boolean;
  netAdmin: boolean;
}

export function decodeCapEff(hex: string): DecodedCaps {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) fail("CapEff", hex, ["expected up to 16 hex digits"]);
  const v = BigInt(`0x${hex}`);
  const bit = (n: number) => ((v >> BigInt(n)) & 1n) === 1n;
  return {
    sysPtrace: bit(CAP_BITS.CAP_SYS_PTRACE),
    sysAdmin: bit(CAP_BITS.CAP_SYS_ADMIN),
    checkpointRestore: bit(CAP_BITS.CAP_CHECKPOINT_RESTORE),
    netAdmin: bit(CAP_BITS.CAP_NET_ADMIN),
  };
}

export const procStatusSchema = z.object({
  capEff: z.string().regex(/^[0-9a-fA-F]{16}$/),
  seccomp: z.number().int().min(0).max(2).nullable(),
  noNewPrivs: z.boolean().nullable(),
});
export type ProcStatus = z.infer<typeof procStatusSchema> & { caps: DecodedCaps };

export function parseProcStatus(raw: string): ProcStatus {
  const get = (k: string) => new RegExp(`^${k}:\\s*(\\S+)\\s*$`, "m").exec(raw)?.[1];
  const sec = get("Seccomp");
  const nnp = get("NoNewPrivs");
  const r = procStatusSchema.safeParse({
    capEff: get("CapEff"),
    seccomp: sec === undefined ? null : /^\d$/.test(sec) ? Number(sec) : -1,
    noNewPrivs: nnp === undefined ? null : nnp === "1",
  });
  if (!r.success) fail("/proc status", raw, zodIssues(r.error));
  return { ...r.data, caps: decodeCapEff(r.data.capEff) };
}

// ---------- criu ----------

/** `criu --version` → "Version: 4.1" (a GitID line may follow). */
export function parseCriuVersion(raw: string): string {
  const m = /^Version:\s*(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(raw);
  if (!m) fail("criu --version", raw, ["no 'Version: X.Y' line"]);
  return m[1]!;
}

export interface CriuCheck {
  ok: boolean;
  summary: string;
  needsCaps: boolean;
}

/** `criu check`: "Looks good." with exit 0; otherwise the last line says why. */
export function parseCriuCheck(raw: string, exitCode: number | null): CriuCheck {
  const lines = nonEmptyLines(raw);
  const ok = exitCode === 0 && lines.some((l) => l.trim() === "Looks good.");
  return {
    ok,
    summary: ok
      ? "Looks good."
      : (lines.find((l) => /Does not look good|Error/.test(l)) ?? lines[lines.length - 1] ?? "no output").trim(),
    needsCaps: /CAP_SYS_ADMIN or the CAP_CHECKPOINT_RESTORE/.test(raw),
  };
}

/** Compares dotted versions numerically: -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
