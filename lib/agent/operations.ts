/**
 * checkpoint / restore of one CUDA process. Each call returns a consistent operation record,
 * also when it fails (typed error alongside). The state is read back after every step.
 */
import { randomBytes } from "node:crypto";

import {
  AgentError,
  AgentParseError,
  CommandTimeoutError,
  ConnectionLostError,
  CriuError,
  CudaCheckpointError,
  InvalidArgumentError,
  InvalidStateError,
  LockTimeoutError,
  NoSuchProcessError,
  NotCudaProcessError,
  ToolMissingError,
  type AgentErrorCode,
} from "./errors";
import { parseComputeApps, parseCudaCheckpointError, parseCudaState, type CudaState } from "./parsers";
import type { AgentPool, MachineTarget } from "./pool";
import { processes } from "./processes";
import { parseScriptOutput, sectionRc, sectionText, type ScriptOutput, type Section } from "./protocol";
import { CHECKPOINT_SCRIPT, RESTORE_SCRIPT } from "./scripts";
import { validateId, validatePid, validateUint } from "./shell";

export type OperationAction = "checkpoint" | "restore";

export interface OperationStep {
  /** e.g. "lock", "checkpoint", "criu_dump", "state_after_lock". */
  name: string;
  kind: "state" | "action" | "criu";
  exitCode: number | null;
  durationMs: number | null;
  /** State word for kind "state" when it parsed. */
  state?: CudaState;
  output: string;
}

export interface OperationRecord {
  action: OperationAction;
  machineId: string;
  pid: number;
  operationId: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  /** GPU memory moved: used_memory from nvidia-smi before a checkpoint / after a restore. */
  bytes: number | null;
  imagePath?: string;
  imageBytes?: number;
  initialState: CudaState | null;
  /** Read back from the machine; `unknown` when it could not be read, `gone` when the process is gone. */
  finalState: CudaState | "unknown" | "gone";
  steps: OperationStep[];
  error?: { code: AgentErrorCode; name: string; message: string };
}

export interface OperationOutcome {
  record: OperationRecord;
  /** Set when the operation failed; the record's `error` is its JSON form. */
  error?: AgentError;
}

export interface CheckpointOptions {
  /** cuda-checkpoint lock --timeout in ms (driver 570+). 0 waits forever. Default 10 000. */
  timeoutMs?: number;
  /** Also dump the process with CRIU (the process is then gone until restored). */
  criu?: boolean;
  /** Our id for this operation; names the CRIU image dir. Generated when absent. */
  operationId?: string;
  /** Wall-clock limit of the whole remote command. Default lock timeout + 180 s. */
  commandTimeoutMs?: number;
}

export interface RestoreOptions {
  /** Restore the CRIU image of checkpoint `checkpointOperationId` first. */
  criu?: boolean;
  /** The operation id of the checkpoint whose CRIU image to restore (required with criu). */
  checkpointOperationId?: string;
  /** Our id for this restore. Generated when absent. */
  operationId?: string;
  commandTimeoutMs?: number;
}

function newOperationId(action: OperationAction, pid: number): string {
  return `${action === "checkpoint" ? "ck" : "rs"}-${pid}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

function stepsFrom(out: ScriptOutput): OperationStep[] {
  const steps: OperationStep[] = [];
  for (const s of out.sections) {
    if (s.name !== "state" && s.name !== "action" && s.name !== "criu") continue;
    const step: OperationStep = {
      name:
        s.name === "state"
          ? `state_${s.attrs.step ?? "?"}`
          : s.name === "criu"
            ? `criu_${s.attrs.step ?? "?"}`
            : (s.attrs.step ?? "?"),
      kind: s.name as OperationStep["kind"],
      exitCode: sectionRc(s),
      durationMs: s.attrs.ms !== undefined && /^\d+$/.test(s.attrs.ms) ? Number(s.attrs.ms) : null,
      output: sectionText(s).slice(0, 2000),
    };
    if (s.name === "state" && step.exitCode === 0) step.state = parseCudaState(sectionText(s));
    steps.push(step);
  }
  return steps;
}

function lastState(steps: OperationStep[]): CudaState | null {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.state) return steps[i]!.state!;
  return null;
}

function find(out: ScriptOutput, name: string, step?: string): Section | undefined {
  return out.sections.find((s) => s.name === name && (step === undefined || s.attrs.step === step));
}

function errorFromAbort(out: ScriptOutput, machineId: string, pid: number, lockTimeoutMs: number): AgentError {
  const abort = find(out, "abort")!;
  const reason = abort.attrs.reason ?? "unknown";
  const detail = sectionText(abort);
  const actionErr = (step: string) => {
    const s = find(out, "action", step);
    const text = sectionText(s);
    return new CudaCheckpointError(
      machineId,
      step,
      pid,
      sectionRc(s),
      text,
      parseCudaCheckpointError(text)?.cudaError ?? null,
    );
  };
  switch (reason) {
    case "bad_arguments":
      return new InvalidArgumentError(`the remote script refused its arguments (pid ${pid})`);
    case "tool_missing":
      return new ToolMissingError(machineId, detail || "a tool");
    case "no_such_process":
      return new NoSuchProcessError(machineId, pid);
    case "not_cuda": {
      const st = find(out, "state", "before");
      return new NotCudaProcessError(machineId, pid, sectionText(st).split("\n")[0] || "not listed by nvidia-smi");
    }
    case "get_state_failed": {
      const st = find(out, "state", "before");
      const text = sectionText(st);
      return new CudaCheckpointError(
        machineId,
        "get-state",
        pid,
        sectionRc(st),
        text,
        parseCudaCheckpointError(text)?.cudaError ?? null,
      );
    }
    case "invalid_state":
      return new InvalidStateError(machineId, pid, detail || "unknown", "the operation cannot start from this state");
    case "lock_failed": {
      const s = find(out, "action", "lock");
      const text = sectionText(s);
      const cudaError = parseCudaCheckpointError(text)?.cudaError ?? null;
      const after = find(out, "state", "after_lock");
      const stillRunning = after && sectionRc(after) === 0 && sectionText(after).trim() === "running";
      const ms = s?.attrs.ms !== undefined ? Number(s.attrs.ms) : 0;
      if (stillRunning && lockTimeoutMs > 0 && (/timed? ?out/i.test(cudaError ?? "") || ms >= lockTimeoutMs * 0.9)) {
        return new LockTimeoutError(machineId, pid, sectionRc(s), text, cudaError);
      }
      return actionErr("lock");
    }
    case "checkpoint_failed":
      return actionErr("checkpoint");
    case "restore_failed":
      return actionErr("restore");
    case "unlock_failed":
      return actionErr("unlock");
    case "criu_failed":
    case "no_image": {
      const s = out.sections.find((x) => x.name === "criu");
      return new CriuError(
        machineId,
        s?.attrs.step ?? (reason === "no_image" ? "restore" : "?"),
        sectionRc(s),
        s ? sectionText(s) : `no image at ${detail}`,
      );
    }
    default:
      return new AgentError(
        "remote_error",
        `${out.script} aborted: ${reason}${detail ? ` (${detail})` : ""}`,
        machineId,
      );
  }
}

/** Best-effort read-back of a PID's state after a timeout or a dropped connection. */
async function readBackState(
  pool: AgentPool,
  target: MachineTarget,
  pid: number,
): Promise<CudaState | "unknown" | "gone"> {
  try {
    const list = await processes(pool, target, [pid], { timeoutMs: 10_000 });
    return list.find((p) => p.pid === pid)?.state ?? "unknown";
  } catch {
    return "unknown";
  }
}

async function runOperation(
  pool: AgentPool,
  target: MachineTarget,
  action: OperationAction,
  pid: number,
  operationId: string,
  script: string,
  args: (number | string)[],
  commandTimeoutMs: number,
  lockTimeoutMs: number,
): Promise<OperationOutcome> {
  const startedAt = new Date();
  const t0 = performance.now();
  let raw = "";
  let execError: AgentError | null = null;
  try {
    const r = await pool.exec(target, script, args, {
      timeoutMs: commandTimeoutMs,
      what: `${action} of PID ${pid}`,
      onStdoutLine: (l) => {
        raw += `${l}\n`;
      },
    });
    raw = r.stdout;
    if (!raw.includes(`@@begin ${action} v1`)) {
      execError = new AgentParseError(
        `${action} output`,
        `${r.stdout}\n--- stderr ---\n${r.stderr}`,
        [`no @@begin line (exit ${r.exitCode})`],
        target.id,
      );
    }
  } catch (e) {
    execError = e instanceof AgentError ? e : new AgentError("remote_error", String(e), target.id, { cause: e });
  }

  let out: ScriptOutput | null = null;
  let error: AgentError | null = execError;
  try {
    if (raw.includes(`@@begin ${action} v1`))
      out = parseScriptOutput(raw, action, { partial: !!execError, machineId: target.id });
  } catch (e) {
    error ??= e instanceof AgentError ? e : new AgentError("parse_error", String(e), target.id);
  }
  let steps: OperationStep[] = [];
  if (out) {
    try {
      steps = stepsFrom(out);
    } catch (e) {
      error ??= e instanceof AgentError ? e : new AgentError("parse_error", String(e), target.id);
    }
    if (!error && find(out, "abort")) error = errorFromAbort(out, target.id, pid, lockTimeoutMs);
  }

  let finalState: OperationRecord["finalState"] = lastState(steps) ?? "unknown";
  if (out?.kv.alive_after === "0") finalState = "gone";
  if (error instanceof CommandTimeoutError || error instanceof ConnectionLostError) {
    // The script was cut mid-way: what it last printed may be stale. Ask again.
    finalState = await readBackState(pool, target, pid);
  }
  const appsSec = out
    ? action === "checkpoint"
      ? find(out, "compute_apps")
      : [...out.sections].reverse().find((s) => s.name === "compute_apps")
    : undefined;
  let bytes: number | null = null;
  if (appsSec && sectionRc(appsSec) === 0) {
    try {
      const app = parseComputeApps(sectionText(appsSec)).find((a) => a.pid === pid);
      if (app) bytes = app.usedMemoryMiB * 1024 * 1024;
    } catch (e) {
      error ??= e instanceof AgentError ? e : new AgentError("parse_error", String(e), target.id);
    }
  }
  const endedAt = new Date();
  const record: OperationRecord = {
    action,
    machineId: target.id,
    pid,
    operationId,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    durationMs: Math.round(performance.now() - t0),
    bytes,
    initialState: steps.find((s) => s.name === "state_before")?.state ?? null,
    finalState,
    steps,
  };
  if (out?.kv.image_path) record.imagePath = out.kv.image_path;
  if (out?.kv.image_bytes && /^\d+$/.test(out.kv.image_bytes)) record.imageBytes = Number(out.kv.image_bytes);
  if (error) record.error = error.toJSON();
  return error ? { record, error } : { record };
}

function failedBeforeStart(
  action: OperationAction,
  machineId: string,
  pid: number,
  operationId: string,
  error: AgentError,
): OperationOutcome {
  const now = new Date().toISOString();
  return {
    record: {
      action,
      machineId,
      pid,
      operationId,
      startedAt: now,
      endedAt: now,
      durationMs: 0,
      bytes: null,
      initialState: null,
      finalState: "unknown",
      steps: [],
      error: error.toJSON(),
    },
    error,
  };
}

/** lock (with timeout) → state → checkpoint → state [→ criu dump]. */
export async function checkpoint(
  pool: AgentPool,
  target: MachineTarget,
  pid: number,
  opts: CheckpointOptions = {},
): Promise<OperationOutcome> {
  const operationId = opts.operationId ?? newOperationId("checkpoint", Number.isInteger(pid) && pid > 0 ? pid : 0);
  let lockTimeoutMs: number;
  let commandTimeoutMs: number;
  try {
    validatePid(pid);
    validateId(operationId, "operation id");
    lockTimeoutMs = validateUint(opts.timeoutMs ?? 10_000, "lock timeout");
    commandTimeoutMs = validateUint(opts.commandTimeoutMs ?? lockTimeoutMs + 180_000, "command timeout");
  } catch (e) {
    return failedBeforeStart("checkpoint", target.id, pid, operationId, e as AgentError);
  }
  return runOperation(
    pool,
    target,
    "checkpoint",
    pid,
    operationId,
    CHECKPOINT_SCRIPT,
    [pid, lockTimeoutMs, opts.criu ? 1 : 0, operationId],
    commandTimeoutMs,
    lockTimeoutMs,
  );
}

/** [criu restore →] state → restore → state → unlock → state. */
export async function restore(
  pool: AgentPool,
  target: MachineTarget,
  pid: number,
  opts: RestoreOptions = {},
): Promise<OperationOutcome> {
  const operationId = opts.operationId ?? newOperationId("restore", Number.isInteger(pid) && pid > 0 ? pid : 0);
  let commandTimeoutMs: number;
  try {
    validatePid(pid);
    validateId(operationId, "operation id");
    if (opts.criu && !opts.checkpointOperationId)
      throw new InvalidArgumentError("restore with criu needs checkpointOperationId");
    if (opts.checkpointOperationId) validateId(opts.checkpointOperationId, "checkpoint operation id");
    commandTimeoutMs = validateUint(opts.commandTimeoutMs ?? 180_000, "command timeout");
  } catch (e) {
    return failedBeforeStart("restore", target.id, pid, operationId, e as AgentError);
  }
  return runOperation(
    pool,
    target,
    "restore",
    pid,
    operationId,
    RESTORE_SCRIPT,
    [pid, opts.criu ? 1 : 0, opts.checkpointOperationId ?? operationId],
    commandTimeoutMs,
    0,
  );
}
