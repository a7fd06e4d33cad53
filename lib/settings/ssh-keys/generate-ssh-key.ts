import "server-only";
import crypto from "node:crypto";
import { utils } from "ssh2";
import type { Db } from "@/db";
import { insertSshKey } from "@/db/queries/ssh-keys";
import { seal } from "@/lib/crypto/seal";
import { invalidInput } from "@/lib/errors";
import { fingerprintOfLine } from "./fingerprint";
import { generateSshKeySchema } from "./schemas";
import { sshKeyContext, toSshKeyDto } from "./to-dto";
import type { SshKeyDto } from "./types";

/** The comment written into the public key: the name, reduced to characters every tool accepts. */
function keyComment(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `dumontcloud-${slug || "key"}`;
}

/**
 * Generates an ed25519 pair for the user. The private half is sealed and only ever read by the
 * app's own agent (getAgentPrivateKey); the public half is returned for display and download.
 */
export async function generateSshKey(db: Db, userId: string, input: unknown): Promise<SshKeyDto> {
  const parsed = generateSshKeySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const pair = utils.generateKeyPairSync("ed25519", { comment: keyComment(parsed.data.name) });
  const id = crypto.randomUUID();
  const publicKey = pair.public.trim();
  const row = await insertSshKey(db, userId, {
    id,
    name: parsed.data.name,
    publicKey,
    fingerprint: fingerprintOfLine(publicKey),
    sealedPrivateKey: seal(pair.private, sshKeyContext(userId, id)),
  });
  return toSshKeyDto(row);
}
