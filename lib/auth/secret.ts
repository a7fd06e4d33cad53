import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

/**
 * AUTH_SECRET signs session tokens. When it is not set, one is generated into the data folder on first
 * use (0600), so the embedded default needs no configuration and sessions survive restarts.
 */
export function authSecret(): string {
  const env = getEnv();
  if (env.authSecret) return env.authSecret;
  const file = path.join(/*turbopackIgnore: true*/ env.dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
