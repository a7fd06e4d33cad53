import crypto from "node:crypto";

/** OpenSSH's SHA256 fingerprint of a public key blob: what `ssh-keygen -lf key.pub` prints. */
export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${crypto.createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** Fingerprint of an OpenSSH public key line ("type base64 [comment]"). */
export function fingerprintOfLine(line: string): string {
  const b64 = line.trim().split(/\s+/)[1];
  if (!b64) throw new Error("not an OpenSSH public key line");
  return fingerprintOfBlob(Buffer.from(b64, "base64"));
}
