import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SealedValueCorruptError,
  SecretKeyConfigError,
  SecretKeyLostError,
  seal,
  sealedKeyIdOf,
  sealedWithCurrentKey,
  unseal,
} from "./seal";

const saved = { key: process.env.DUMONT_SECRET_KEY, dir: process.env.DUMONT_DATA_DIR };
const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "dumont-seal-"));
  dirs.push(d);
  return d;
};
const restore = (k: string, v: string | undefined) => (v === undefined ? delete process.env[k] : (process.env[k] = v));

describe("seal / unseal", () => {
  beforeEach(() => {
    process.env.DUMONT_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  });
  afterEach(() => {
    restore("DUMONT_SECRET_KEY", saved.key);
    restore("DUMONT_DATA_DIR", saved.dir);
  });
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("round-trips, with a fresh IV each time, and the sealed text does not contain the plaintext", () => {
    const secret = "tdk_live_SuperSecretKey_0123456789";
    const a = seal(secret);
    const b = seal(secret);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(secret);
    expect(a).not.toContain(Buffer.from(secret).toString("base64url").slice(0, 12));
    expect(unseal(a)).toBe(secret);
    expect(unseal(seal(""))).toBe("");
    expect(unseal(seal("ünïcødé ✓"))).toBe("ünïcødé ✓");
    expect(sealedWithCurrentKey(sealedKeyIdOf(a))).toBe(true);
  });

  it("detects tampering with the ciphertext, the tag, or the IV", () => {
    const sealed = seal("a secret value");
    const parts = sealed.split(".");
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const i of [2, 3, 4]) {
      const bad = parts.map((p, j) => (j === i ? flip(p) : p)).join(".");
      expect(() => unseal(bad)).toThrow(SealedValueCorruptError);
    }
    expect(() => unseal("v1.only.three")).toThrow(SealedValueCorruptError);
    expect(() => unseal(sealed.replace(/^v1/, "v9"))).toThrow(SealedValueCorruptError);
  });

  it("binds the context: a value sealed for one record does not open for another", () => {
    const sealed = seal("k", "provider-key:user-a:vastai");
    expect(unseal(sealed, "provider-key:user-a:vastai")).toBe("k");
    expect(() => unseal(sealed, "provider-key:user-b:vastai")).toThrow(SealedValueCorruptError);
  });

  it("a value sealed with another key throws SecretKeyLostError with a message that says to enter keys again", () => {
    const sealed = seal("old secret");
    process.env.DUMONT_SECRET_KEY = crypto.randomBytes(32).toString("hex");
    let err: unknown;
    try {
      unseal(sealed);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SecretKeyLostError);
    expect((err as Error).message).toBe(
      "Stored keys can no longer be read (the secret key changed). Enter them again.",
    );
    expect((err as Error).message).not.toContain("old secret");
    expect(sealedWithCurrentKey(sealedKeyIdOf(sealed))).toBe(false);
  });

  it("accepts 32 bytes as hex, base64 or base64url, and refuses anything else without echoing it", () => {
    const raw = crypto.randomBytes(32);
    for (const text of [raw.toString("hex"), raw.toString("base64"), raw.toString("base64url")]) {
      process.env.DUMONT_SECRET_KEY = text;
      expect(unseal(seal("x"))).toBe("x");
    }
    const id = sealedKeyIdOf(seal("x"));
    process.env.DUMONT_SECRET_KEY = raw.toString("hex").toUpperCase();
    expect(sealedKeyIdOf(seal("x"))).toBe(id); // same bytes, same key
    for (const bad of [
      "short-secret-value",
      crypto.randomBytes(16).toString("hex"),
      crypto.randomBytes(48).toString("base64"),
    ]) {
      process.env.DUMONT_SECRET_KEY = bad;
      try {
        seal("x");
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(SecretKeyConfigError);
        expect((e as Error).message).toContain("DUMONT_SECRET_KEY");
        expect((e as Error).message).not.toContain(bad);
      }
    }
  });

  it("without DUMONT_SECRET_KEY, generates one key into the data folder (0600) and keeps using it", () => {
    delete process.env.DUMONT_SECRET_KEY;
    const dir = tempDir();
    process.env.DUMONT_DATA_DIR = dir;
    const sealed = seal("kept");
    const file = path.join(dir, "secret-key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, "utf8"), "base64")).toHaveLength(32);
    expect(unseal(sealed)).toBe("kept");
    // Another data folder means another key: what the first sealed is lost there.
    process.env.DUMONT_DATA_DIR = tempDir();
    expect(() => unseal(sealed)).toThrow(SecretKeyLostError);
  });
});
