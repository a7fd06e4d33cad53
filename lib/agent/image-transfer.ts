/**
 * Moving a hibernation image: pack the CRIU images into one archive, upload it part by part to
 * presigned URLs, download it on another machine, check and unpack it. Each call runs one fixed script;
 * progress arrives line by line while it runs.
 */
import { AgentError, ToolMissingError } from "./errors";
import type { AgentPool, MachineTarget } from "./pool";
import { parseScriptOutput, sectionText, type ScriptOutput } from "./protocol";
import { DOWNLOAD_SCRIPT, PACK_SCRIPT, UNPACK_SCRIPT, UPLOAD_PARTS_SCRIPT } from "./scripts";
import { encodedArg, validateId, type ScriptArg } from "./shell";

export interface PackedImage {
  ext: string;
  imageBytes: number;
  rawBytes: number;
  sha256: string;
  packMs: number;
}

export interface UploadedPart {
  n: number;
  bytes: number;
  ms: number;
  etag: string;
  md5: string;
}

/** Turns an `abort` section into a typed error with the machine's own words. */
function check(out: ScriptOutput, machineId: string, what: string): ScriptOutput {
  const abort = out.sections.find((s) => s.name === "abort");
  if (abort) {
    const reason = abort.attrs.reason ?? "unknown";
    const detail = sectionText(abort);
    if (reason === "tool_missing") throw new ToolMissingError(machineId, detail || "a tool");
    throw new AgentError(
      "remote_error",
      `${what} failed on the machine: ${reason.replaceAll("_", " ")}${detail ? ` (${detail})` : ""}`,
      machineId,
    );
  }
  if (out.endRc !== 0) throw new AgentError("remote_error", `${what} did not finish on the machine`, machineId);
  return out;
}

async function run(
  pool: AgentPool,
  target: MachineTarget,
  script: string,
  name: string,
  args: ScriptArg[],
  timeoutMs: number,
  onLine?: (l: string) => void,
): Promise<ScriptOutput> {
  const r = await pool.exec(target, script, args, { timeoutMs, what: name, onStdoutLine: onLine });
  return check(parseScriptOutput(r.stdout, name, { partial: true, machineId: target.id }), target.id, name);
}

export async function packImage(
  pool: AgentPool,
  target: MachineTarget,
  hibernationId: string,
  imageIds: string[],
  timeoutMs = 30 * 60_000,
): Promise<PackedImage> {
  const out = await run(
    pool,
    target,
    PACK_SCRIPT,
    "pack",
    [validateId(hibernationId), ...imageIds.map((i) => validateId(i))],
    timeoutMs,
  );
  const n = (k: string) => Number(out.kv[k] ?? Number.NaN);
  const packed = {
    ext: out.kv.ext ?? "",
    imageBytes: n("image_bytes"),
    rawBytes: n("raw_bytes"),
    sha256: out.kv.sha256 ?? "",
    packMs: n("pack_ms"),
  };
  if (
    !/^tar\.(zst|gz)$/.test(packed.ext) ||
    !Number.isFinite(packed.imageBytes) ||
    !/^[0-9a-f]{64}$/.test(packed.sha256)
  )
    throw new AgentError("parse_error", "pack printed no archive size or checksum", target.id);
  return packed;
}

const PART_LINE = /^part=(\d+) (\d+) (\d+) (\S+) ([0-9a-f]{32})$/;

export function parsePartLine(line: string): UploadedPart | null {
  const m = PART_LINE.exec(line);
  return m ? { n: Number(m[1]), bytes: Number(m[2]), ms: Number(m[3]), etag: m[4]!, md5: m[5]! } : null;
}

/** Uploads the given parts in order; `onPart` is called as each one is stored. */
export async function uploadParts(
  pool: AgentPool,
  target: MachineTarget,
  a: { hibernationId: string; ext: string; partSize: number; parts: { n: number; url: string }[] },
  onPart: (p: UploadedPart) => void,
  timeoutMs = 60 * 60_000,
): Promise<UploadedPart[]> {
  const done: UploadedPart[] = [];
  const args: ScriptArg[] = [
    validateId(a.hibernationId),
    validateId(a.ext),
    a.partSize,
    ...a.parts.flatMap((p) => [p.n, encodedArg(p.url)]),
  ];
  await run(pool, target, UPLOAD_PARTS_SCRIPT, "upload", args, timeoutMs, (l) => {
    const p = parsePartLine(l);
    if (p) {
      done.push(p);
      onPart(p);
    }
  });
  return done;
}

/** Downloads the archive; `onBytes` is called with the bytes received so far, a few times a second. */
export async function downloadImage(
  pool: AgentPool,
  target: MachineTarget,
  a: { hibernationId: string; ext: string; url: string },
  onBytes: (bytes: number) => void,
  timeoutMs = 60 * 60_000,
): Promise<{ imageBytes: number; sha256: string; downloadMs: number }> {
  const out = await run(
    pool,
    target,
    DOWNLOAD_SCRIPT,
    "download",
    [validateId(a.hibernationId), validateId(a.ext), encodedArg(a.url)],
    timeoutMs,
    (l) => {
      const m = /^progress=(\d+)$/.exec(l);
      if (m) onBytes(Number(m[1]));
    },
  );
  return {
    imageBytes: Number(out.kv.image_bytes),
    sha256: out.kv.sha256 ?? "",
    downloadMs: Number(out.kv.download_ms),
  };
}

/** Checks the archive against the checksum taken when it was packed, and unpacks it. */
export async function unpackImage(
  pool: AgentPool,
  target: MachineTarget,
  a: { hibernationId: string; ext: string; sha256: string },
  timeoutMs = 30 * 60_000,
): Promise<void> {
  await run(
    pool,
    target,
    UNPACK_SCRIPT,
    "unpack",
    [validateId(a.hibernationId), validateId(a.ext), validateId(a.sha256)],
    timeoutMs,
  );
}
