/**
 * The only values that reach a remote shell: validated integers (PIDs, timeouts) and our own ids,
 * passed as positional arguments of `bash -s` (the script itself, fixed text, goes on stdin).
 */
import { z } from "zod";

import { InvalidArgumentError } from "./errors";

/** Linux PID_MAX_LIMIT (2^22). */
export const MAX_PID = 4_194_304;

export const pidSchema = z.number().int().min(1).max(MAX_PID);
/** Our own ids (machine ids, operation ids): conservative charset, no shell metacharacters. */
export const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/);

export function validatePid(pid: unknown): number {
  const r = pidSchema.safeParse(pid);
  if (!r.success)
    throw new InvalidArgumentError(`invalid PID: ${JSON.stringify(pid)} (expected an integer 1..${MAX_PID})`);
  return r.data;
}

export function validateId(id: unknown, what = "id"): string {
  const r = idSchema.safeParse(id);
  if (!r.success) throw new InvalidArgumentError(`invalid ${what}: ${JSON.stringify(id)}`);
  return r.data;
}

export function validateUint(n: unknown, what: string, max = 2 ** 31 - 1): number {
  const r = z.number().int().min(0).max(max).safeParse(n);
  if (!r.success) throw new InvalidArgumentError(`invalid ${what}: ${JSON.stringify(n)}`);
  return r.data;
}

/**
 * Data that is neither an integer nor an id (a presigned URL) travels base64url-encoded: its alphabet
 * has no shell metacharacter, so the script decodes it into a variable and never evaluates it.
 */
export interface Base64UrlArg {
  b64url: string;
}
export type ScriptArg = number | string | Base64UrlArg;

/** A URL (or any text) as a script argument. */
export const encodedArg = (text: string): Base64UrlArg => ({ b64url: Buffer.from(text, "utf8").toString("base64url") });

/** Under the kernel's 128 KiB limit for one argument, with room for a batch of them. */
const MAX_B64URL = 16_384;

/** Re-validates every argument (integers, ids or base64url data) and single-quotes it. */
export function quoteArg(a: ScriptArg): string {
  if (typeof a === "number") return `'${validateUint(a, "argument")}'`;
  if (typeof a === "object") {
    if (!/^[A-Za-z0-9_-]*$/.test(a.b64url) || a.b64url.length > MAX_B64URL)
      throw new InvalidArgumentError("invalid encoded argument");
    return `'${a.b64url}'`;
  }
  return `'${validateId(a, "argument")}'`;
}

/**
 * The command line sent over SSH. POSIX sh syntax, so it works whatever the login shell.
 * `timeout` (coreutils) kills the whole process group of the script when it runs past
 * `timeoutSec`, so a hung cuda-checkpoint does not outlive the agent's own timeout.
 */
export function remoteCommand(args: readonly ScriptArg[], timeoutSec: number): string {
  const secs = validateUint(Math.max(1, Math.ceil(timeoutSec)), "timeout", 86_400 * 7);
  const a = args.map(quoteArg).join(" ");
  const tail = `bash -s --${a ? ` ${a}` : ""}`;
  return `if command -v timeout >/dev/null 2>&1; then exec timeout -k 2 ${secs} ${tail}; else exec ${tail}; fi`;
}

/**
 * Wraps a fixed script so bash parses all of it before running anything (a command that reads
 * stdin can then not swallow the rest of the script) and runs it with stdin on /dev/null.
 */
export function wrapScript(script: string): string {
  return `__dumont_main() {\n${script}\n}\n__dumont_main "$@" </dev/null\n`;
}
