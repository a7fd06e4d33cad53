import { createHash } from "node:crypto";

/** OpenSSH-style fingerprint of a raw host key blob: "SHA256:<base64 without padding>". */
export function sshFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

/**
 * Where pinned host keys live (the app stores them with the machine row). `get` returns the
 * pinned fingerprint or nothing on first contact; `pin` is called once, on first contact.
 */
export interface HostKeyStore {
  get(machineId: string): string | null | undefined | Promise<string | null | undefined>;
  pin(machineId: string, fingerprint: string): void | Promise<void>;
}

/** In-memory store, for tests and the bench. */
export function memoryHostKeyStore(
  initial: Record<string, string> = {},
): HostKeyStore & { pinned: Map<string, string> } {
  const pinned = new Map(Object.entries(initial));
  return {
    pinned,
    get: (id) => pinned.get(id) ?? null,
    pin: (id, fp) => {
      pinned.set(id, fp);
    },
  };
}
