import crypto from "node:crypto";

const PREFIX = "dcl_";
// dcl_ + base64url of 32 bytes (43 characters, no padding).
const TOKEN_RE = /^dcl_[A-Za-z0-9_-]{43}$/;
/** How much of a token the list shows to tell tokens apart; 8 of 256 random bits reveal nothing useful. */
const SHOWN_CHARS = PREFIX.length + 8;

export function newToken(): string {
  return PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function looksLikeToken(s: string): boolean {
  return TOKEN_RE.test(s);
}

/** What is stored: SHA-256 is enough for 256 random bits (no dictionary to attack, unlike passwords). */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenPrefix(token: string): string {
  return token.slice(0, SHOWN_CHARS);
}
