/** Typed errors of the SSH agent. Each has a stable `code` the UI and jobs can switch on. */

export type AgentErrorCode =
  | "connect_failed"
  | "auth_failed"
  | "host_key_changed"
  | "connection_lost"
  | "command_timeout"
  | "parse_error"
  | "invalid_argument"
  | "not_cuda_process"
  | "no_such_process"
  | "invalid_state"
  | "lock_timeout"
  | "cuda_checkpoint_failed"
  | "criu_failed"
  | "tool_missing"
  | "remote_error";

export class AgentError extends Error {
  readonly code: AgentErrorCode;
  readonly machineId: string | undefined;
  constructor(code: AgentErrorCode, message: string, machineId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.machineId = machineId;
  }
  /** Plain JSON for storing in an operation record or returning from a server action. */
  toJSON(): { code: AgentErrorCode; name: string; message: string; machineId?: string } {
    return {
      code: this.code,
      name: this.name,
      message: this.message,
      ...(this.machineId ? { machineId: this.machineId } : {}),
    };
  }
}

export class SshConnectError extends AgentError {
  constructor(machineId: string, message: string, options?: { cause?: unknown }) {
    super("connect_failed", message, machineId, options);
  }
}

export class SshAuthError extends AgentError {
  constructor(machineId: string, message: string, options?: { cause?: unknown }) {
    super("auth_failed", message, machineId, options);
  }
}

/** The machine presented a host key different from the one pinned on first contact. Never retried. */
export class HostKeyChangedError extends AgentError {
  readonly expectedFingerprint: string;
  readonly actualFingerprint: string;
  constructor(machineId: string, expected: string, actual: string) {
    super(
      "host_key_changed",
      `HOST KEY CHANGED for machine ${machineId}: pinned ${expected}, server presented ${actual}. ` +
        "Refusing to connect: this may be a man-in-the-middle, or the machine was reinstalled. " +
        "Verify the new key out of band, then reset the pinned key.",
      machineId,
    );
    this.expectedFingerprint = expected;
    this.actualFingerprint = actual;
  }
}

export class ConnectionLostError extends AgentError {
  constructor(machineId: string, message: string, options?: { cause?: unknown }) {
    super("connection_lost", message, machineId, options);
  }
}

export class CommandTimeoutError extends AgentError {
  readonly timeoutMs: number;
  readonly outputHead: string;
  constructor(machineId: string, timeoutMs: number, what: string, outputHead: string) {
    super(
      "command_timeout",
      `${what} on ${machineId} did not finish within ${timeoutMs} ms; the remote command was killed`,
      machineId,
    );
    this.timeoutMs = timeoutMs;
    this.outputHead = outputHead;
  }
}

/** Output that does not match its schema. Carries the raw head of the output, never a guess. */
export class AgentParseError extends AgentError {
  readonly what: string;
  readonly rawHead: string;
  readonly issues: string[];
  constructor(what: string, raw: string, issues: string[], machineId?: string) {
    const head = raw.slice(0, 2000);
    super("parse_error", `could not parse ${what}: ${issues.slice(0, 3).join("; ")}`, machineId);
    this.what = what;
    this.rawHead = head;
    this.issues = issues;
  }
}

export class InvalidArgumentError extends AgentError {
  constructor(message: string) {
    super("invalid_argument", message);
  }
}

export class NotCudaProcessError extends AgentError {
  readonly pid: number;
  constructor(machineId: string, pid: number, detail?: string) {
    super(
      "not_cuda_process",
      `PID ${pid} on ${machineId} is not a CUDA process${detail ? ` (${detail})` : ""}`,
      machineId,
    );
    this.pid = pid;
  }
}

export class NoSuchProcessError extends AgentError {
  readonly pid: number;
  constructor(machineId: string, pid: number) {
    super("no_such_process", `PID ${pid} does not exist on ${machineId}`, machineId);
    this.pid = pid;
  }
}

export class InvalidStateError extends AgentError {
  readonly pid: number;
  readonly state: string;
  constructor(machineId: string, pid: number, state: string, wanted: string) {
    super("invalid_state", `PID ${pid} on ${machineId} is ${state}; ${wanted}`, machineId);
    this.pid = pid;
    this.state = state;
  }
}

/** A cuda-checkpoint step failed. `cudaError` is the quoted CUDA error string when there was one. */
export class CudaCheckpointError extends AgentError {
  readonly step: string;
  readonly pid: number;
  readonly exitCode: number | null;
  readonly cudaError: string | null;
  readonly output: string;
  constructor(
    machineId: string,
    step: string,
    pid: number,
    exitCode: number | null,
    output: string,
    cudaError: string | null,
    code: AgentErrorCode = "cuda_checkpoint_failed",
  ) {
    const first = output.trim().split("\n")[0] ?? "";
    super(
      code,
      `cuda-checkpoint ${step} failed on PID ${pid} (exit ${exitCode ?? "?"}): ${first || "no output"}`,
      machineId,
    );
    this.step = step;
    this.pid = pid;
    this.exitCode = exitCode;
    this.cudaError = cudaError;
    this.output = output.slice(0, 2000);
  }
}

/** The lock did not succeed within --timeout; the process stays `running`. */
export class LockTimeoutError extends CudaCheckpointError {
  constructor(machineId: string, pid: number, exitCode: number | null, output: string, cudaError: string | null) {
    super(machineId, "lock", pid, exitCode, output, cudaError, "lock_timeout");
  }
}

export class CriuError extends AgentError {
  readonly step: string;
  readonly exitCode: number | null;
  readonly output: string;
  constructor(machineId: string, step: string, exitCode: number | null, output: string) {
    const lines = output.trim().split("\n");
    super("criu_failed", `criu ${step} failed (exit ${exitCode ?? "?"}): ${lines[lines.length - 1] ?? ""}`, machineId);
    this.step = step;
    this.exitCode = exitCode;
    this.output = output.slice(0, 2000);
  }
}

export class ToolMissingError extends AgentError {
  constructor(machineId: string, tool: string) {
    super("tool_missing", `${tool} was not found on ${machineId}`, machineId);
  }
}

export class RemoteCommandError extends AgentError {
  readonly exitCode: number | null;
  readonly outputHead: string;
  constructor(machineId: string, what: string, exitCode: number | null, output: string) {
    super("remote_error", `${what} failed on ${machineId} (exit ${exitCode ?? "?"})`, machineId);
    this.exitCode = exitCode;
    this.outputHead = output.slice(0, 2000);
  }
}
