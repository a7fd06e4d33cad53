import "server-only";
import { sealedWithCurrentKey } from "@/lib/crypto/seal";
import type { SshKeyDto } from "./types";

export function toSshKeyDto(row: {
  id: string;
  name: string;
  publicKey: string;
  fingerprint: string;
  createdAt: Date;
  hasPrivateKey: boolean;
  sealKeyId: string | null;
}): SshKeyDto {
  return {
    id: row.id,
    name: row.name,
    publicKey: row.publicKey,
    fingerprint: row.fingerprint,
    kind: row.hasPrivateKey ? "generated" : "registered",
    privateKeyReadable: row.hasPrivateKey ? sealedWithCurrentKey(row.sealKeyId) : false,
    createdAt: row.createdAt,
  };
}

/** Binds a sealed private key to its owner and row, so it cannot be moved to another user's row. */
export const sshKeyContext = (userId: string, keyId: string) => `ssh-key:${userId}:${keyId}`;
