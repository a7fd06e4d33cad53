import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { SecretKeyConfigError } from "./errors";

export interface SecretKey {
  key: Buffer;
  /** A short, one-way id of the key stored next to each sealed value, so that "sealed with another
   *  key" can be told apart from "tampered with" without trying to decrypt. */
  id: string;
  source: "env" | "file";
}

// Keyed by where the key came from, so tests (and an operator's restart) that change the
// variable or the data folder get the new key, while a steady process reads it once.
const cache = new Map<string, SecretKey>();
let warnedFileInServerMode = false;

/** Parses DUMONT_SECRET_KEY: exactly 32 bytes as hex or (url-safe) base64, nothing looser. */
export function parseSecretKey(text: string): Buffer {
  const s = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const buf = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (buf.length === 32) return buf;
  }
  // Say what is wrong without echoing the value.
  throw new SecretKeyConfigError(`got ${s.length} characters that are neither 64 hex digits nor 32 bytes of base64`);
}

function keyId(key: Buffer): string {
  return crypto.createHmac("sha256", key).update("dumontcloud seal key id").digest("base64url").slice(0, 8);
}

function fromFile(dataDir: string): Buffer {
  const file = path.join(/*turbopackIgnore: true*/ dataDir, "secret-key");
  const read = () => parseSecretKey(fs.readFileSync(file, "utf8"));
  try {
    return read();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": two processes starting together must not each write a key and seal with different ones.
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  return read();
}

/**
 * The key that seals secrets at rest: DUMONT_SECRET_KEY, or one generated once into
 * `<dataDir>/secret-key` (0600). Throws SecretKeyConfigError for a malformed variable.
 */
export function getSecretKey(): SecretKey {
  const env = getEnv();
  const fromEnv = env.secretKey;
  const cacheKey = fromEnv ? `env:${crypto.createHash("sha256").update(fromEnv).digest("hex")}` : `file:${env.dataDir}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  let key: Buffer;
  if (fromEnv) {
    key = parseSecretKey(fromEnv);
  } else {
    key = fromFile(env.dataDir);
    if (env.databaseUrl && !warnedFileInServerMode) {
      warnedFileInServerMode = true;
      console.warn(
        `[secrets] DUMONT_SECRET_KEY is not set: using the key generated in ${path.join(env.dataDir, "secret-key")}. ` +
          "Every web process and worker on the same database must share one key; set DUMONT_SECRET_KEY when you run more than one host.",
      );
    }
  }
  const sk: SecretKey = { key, id: keyId(key), source: fromEnv ? "env" : "file" };
  cache.set(cacheKey, sk);
  return sk;
}

/** For startup: fail early with SecretKeyConfigError's message instead of at the first save. */
export function assertSecretKeyUsable(): void {
  getSecretKey();
}
