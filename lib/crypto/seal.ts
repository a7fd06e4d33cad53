import "server-only";
import crypto from "node:crypto";
import { SealedValueCorruptError, SecretKeyLostError } from "./errors";
import { getSecretKey } from "./secret-key";

export { SecretKeyLostError, SealedValueCorruptError, SecretKeyConfigError, isSecretKeyLostError } from "./errors";
export { assertSecretKeyUsable } from "./secret-key";

// Format: v1.<keyId>.<iv>.<tag>.<ciphertext>, every part base64url. The version lets a later format
// (or key rotation) read old values; the key id says which key sealed it.
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals a secret with AES-256-GCM under the app's secret key. `context` (optional) is bound as
 * additional authenticated data: a value sealed for one record cannot be moved to another and
 * still open. Pass the same context to unseal.
 */
export function seal(plaintext: string, context = ""): string {
  const { key, id } = getSecretKey();
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (context) cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv.toString("base64url"), tag.toString("base64url"), ct.toString("base64url")].join(".");
}

/**
 * Opens a value from seal(). Throws SecretKeyLostError when another key sealed it, and
 * SealedValueCorruptError when it was altered or does not belong to `context`.
 */
export function unseal(sealed: string, context = ""): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SealedValueCorruptError("unknown format");
  const [, kid, ivText, tagText, ctText] = parts as [string, string, string, string, string];
  const { key, id } = getSecretKey();
  if (kid !== id) throw new SecretKeyLostError();
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealedValueCorruptError("bad header");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (context) decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ctText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedValueCorruptError("authentication failed");
  }
}

/**
 * Whether the current key can open a value, judged by its key id alone (no decryption): for lists,
 * which must render even when the key is gone or misconfigured (then nothing is readable).
 */
export function sealedWithCurrentKey(sealedKeyId: string | null | undefined): boolean {
  if (!sealedKeyId) return false;
  try {
    return sealedKeyId === getSecretKey().id;
  } catch {
    return false;
  }
}

/** The key-id part of a sealed value, for queries that must not hand the value itself around. */
export function sealedKeyIdOf(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 ? parts[1]! : null;
}
