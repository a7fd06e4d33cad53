import crypto from "node:crypto";
import { utils } from "ssh2";
import { fingerprintOfBlob } from "./fingerprint";

const ACCEPTED = new Set([
  "ssh-ed25519",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "ssh-rsa",
]);
const MIN_RSA_BITS = 2048;

export const PRIVATE_KEY_PASTED =
  "This is a private key, not a public one. Nothing was stored. Paste the public half instead: the .pub file, one line starting with ssh-ed25519, ecdsa-sha2-… or ssh-rsa.";

export type ParsedPublicKey =
  | { ok: true; type: string; line: string; fingerprint: string }
  | { ok: false; privateKey: boolean; message: string };

/**
 * Parses what a user pasted as a public key, and returns the canonical OpenSSH line
 * ("type base64 comment") with its fingerprint. Private keys are refused, without echoing them.
 */
export function parsePublicKey(text: string): ParsedPublicKey {
  const t = text.trim();
  // Check the text first: an encrypted private key does not even parse without its passphrase.
  if (/PRIVATE KEY/.test(t) || /^PuTTY-User-Key-File/m.test(t))
    return { ok: false, privateKey: true, message: PRIVATE_KEY_PASTED };
  let parsed = utils.parseKey(t);
  if (Array.isArray(parsed)) parsed = parsed[0] as (typeof parsed)[number];
  if (!parsed || parsed instanceof Error) {
    return {
      ok: false,
      privateKey: false,
      message:
        "That is not an OpenSSH public key. Paste one line like “ssh-ed25519 AAAAC3… you@laptop” (the contents of your .pub file).",
    };
  }
  if (parsed.isPrivateKey()) return { ok: false, privateKey: true, message: PRIVATE_KEY_PASTED };
  if (!ACCEPTED.has(parsed.type)) {
    return {
      ok: false,
      privateKey: false,
      message: `${parsed.type} keys are not accepted. Use an ssh-ed25519 (recommended), ecdsa or ssh-rsa key of at least ${MIN_RSA_BITS} bits.`,
    };
  }
  if (parsed.type === "ssh-rsa") {
    const bits = crypto.createPublicKey(parsed.getPublicPEM()).asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < MIN_RSA_BITS) {
      return {
        ok: false,
        privateKey: false,
        message: `This RSA key has ${bits} bits; use at least ${MIN_RSA_BITS} (or better, an ssh-ed25519 key).`,
      };
    }
  }
  const blob = parsed.getPublicSSH();
  const comment = parsed.comment
    .replace(/[\x00-\x1F\x7F]/g, "")
    .trim()
    .slice(0, 200);
  return {
    ok: true,
    type: parsed.type,
    line: `${parsed.type} ${blob.toString("base64")}${comment ? ` ${comment}` : ""}`,
    fingerprint: fingerprintOfBlob(blob),
  };
}
