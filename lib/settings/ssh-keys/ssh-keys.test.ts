import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { utils } from "ssh2";
import { describe, expect, it } from "vitest";
import { sshKeys } from "@/db/schema";
import { SecretKeyLostError } from "@/lib/crypto/seal";
import { useRandomSecretKey } from "@/test/file-env";
import { useSandboxEnv } from "@/test/sandbox-env";
import { availableDrivers } from "@/test/test-db";
import { useTestDbWithUsers } from "@/test/use-test-db";
import { deleteSshKey } from "./delete-ssh-key";
import { generateSshKey } from "./generate-ssh-key";
import { getAgentPrivateKey } from "./get-agent-private-key";
import { getSshKey } from "./get-ssh-key";
import { listSshKeys } from "./list-ssh-keys";
import { PRIVATE_KEY_PASTED } from "./parse-public-key";
import { registerSshKey } from "./register-ssh-key";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dumont-ssh-test-"));
/** What OpenSSH itself says the fingerprint is. */
function sshKeygenFingerprint(publicLine: string): string {
  const file = path.join(tmp, `${crypto.randomUUID()}.pub`);
  fs.writeFileSync(file, `${publicLine}\n`);
  return execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", file], { encoding: "utf8" }).split(/\s+/)[1]!;
}
/** A key pair made by ssh-keygen, as a user would have one. */
function sshKeygen(type: string, bits?: number): { pub: string; priv: string } {
  const file = path.join(tmp, crypto.randomUUID());
  execFileSync("ssh-keygen", [
    "-q",
    "-t",
    type,
    ...(bits ? ["-b", String(bits)] : []),
    "-N",
    "",
    "-C",
    "me@laptop",
    "-f",
    file,
  ]);
  return { pub: fs.readFileSync(`${file}.pub`, "utf8"), priv: fs.readFileSync(file, "utf8") };
}

// The sandbox is not needed for keys, but the suite runs with it on, as the app does.
useSandboxEnv();
useRandomSecretKey();

describe.each(await availableDrivers())("SSH keys on %s", (driver) => {
  const { t, alice, bob } = useTestDbWithUsers(driver, "alice", "bob");

  it("generates an ed25519 pair: public half shown with ssh-keygen's fingerprint, private half sealed for the agent", async () => {
    const k = await generateSshKey(t.db, alice, { name: "Agent key #1" });
    expect(k).toMatchObject({ name: "Agent key #1", kind: "generated", privateKeyReadable: true });
    expect(k.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\S+ dumontcloud-agent-key-1$/);
    expect(k.fingerprint).toBe(sshKeygenFingerprint(k.publicKey));
    expect(JSON.stringify(k)).not.toMatch(/PRIVATE KEY/);

    const [row] = await t.db.select().from(sshKeys);
    expect(row!.sealedPrivateKey).toMatch(/^v1\./);
    expect(row!.sealedPrivateKey).not.toContain("PRIVATE KEY");

    const agent = await getAgentPrivateKey(t.db, alice, k.id);
    expect(agent?.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----/);
    expect(agent?.publicKey).toBe(k.publicKey);
    // The private half really belongs to the public one: a signature verifies.
    const priv = utils.parseKey(agent!.privateKey);
    const pub = utils.parseKey(k.publicKey);
    if (priv instanceof Error || pub instanceof Error || Array.isArray(priv) || Array.isArray(pub))
      throw new Error("parse failed");
    const data = Buffer.from("challenge");
    expect(pub.verify(data, priv.sign(data))).toBe(true);
  });

  it("registers existing public keys (ed25519, ecdsa, RSA ≥ 2048) with ssh-keygen's fingerprints", async () => {
    for (const [type, bits] of [["ed25519"], ["ecdsa", 384], ["rsa", 3072]] as const) {
      const { pub } = sshKeygen(type, bits);
      const r = await registerSshKey(t.db, alice, { name: `laptop ${type}`, publicKey: `\n  ${pub}  \n` });
      expect(r.kind).toBe("registered");
      expect(r.publicKey).toBe(pub.trim());
      expect(r.fingerprint).toBe(sshKeygenFingerprint(pub));
      expect(await getAgentPrivateKey(t.db, alice, r.id)).toBeNull();
    }
    expect(await listSshKeys(t.db, alice)).toHaveLength(4);
  });

  it("refuses a private key pasted as the public one, says nothing was stored, and stores nothing", async () => {
    const before = (await listSshKeys(t.db, alice)).length;
    const { priv } = sshKeygen("ed25519");
    const pem = crypto
      .generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs1", format: "pem" })
      .toString();
    for (const pasted of [priv, pem]) {
      await expect(registerSshKey(t.db, alice, { name: "oops", publicKey: pasted })).rejects.toMatchObject({
        code: "invalid",
        message: PRIVATE_KEY_PASTED,
        fieldErrors: { publicKey: PRIVATE_KEY_PASTED },
      });
    }
    expect(PRIVATE_KEY_PASTED).toContain("Nothing was stored");
    expect(await listSshKeys(t.db, alice)).toHaveLength(before);
  });

  it("refuses weak, unknown, duplicate and malformed keys with a message each", async () => {
    const weak = sshKeygen("rsa", 1024).pub;
    await expect(registerSshKey(t.db, alice, { name: "old", publicKey: weak })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { publicKey: expect.stringContaining("1024 bits") },
    });
    await expect(registerSshKey(t.db, alice, { name: "junk", publicKey: "hello world" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { publicKey: expect.stringContaining("not an OpenSSH public key") },
    });
    const [existing] = await listSshKeys(t.db, alice);
    await expect(registerSshKey(t.db, alice, { name: "again", publicKey: existing!.publicKey })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { publicKey: expect.stringContaining("You already have this key") },
    });
    await expect(registerSshKey(t.db, alice, { name: "  ", publicKey: "" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { name: "Give the key a name.", publicKey: "Paste the public key." },
    });
  });

  it("keeps users apart: another user cannot see, download, use or delete a key by its id", async () => {
    const [k] = await listSshKeys(t.db, alice);
    expect(await listSshKeys(t.db, bob)).toEqual([]);
    expect(await getSshKey(t.db, bob, k!.id)).toBeNull();
    expect(await getSshKey(t.db, alice, k!.id)).toMatchObject({ id: k!.id });
    const generated = (await listSshKeys(t.db, alice)).find((x) => x.kind === "generated")!;
    expect(await getAgentPrivateKey(t.db, bob, generated.id)).toBeNull();
    expect(await deleteSshKey(t.db, bob, k!.id)).toBe(false);
    expect(await listSshKeys(t.db, alice)).toHaveLength(4);
    // The same public key may be registered by another user.
    await expect(registerSshKey(t.db, bob, { name: "shared", publicKey: k!.publicKey })).resolves.toMatchObject({
      kind: "registered",
    });
  });

  it("after the secret key changes, a generated key is marked unreadable and the agent gets a typed error", async () => {
    const generated = (await listSshKeys(t.db, alice)).find((x) => x.kind === "generated")!;
    const saved = process.env.DUMONT_SECRET_KEY;
    process.env.DUMONT_SECRET_KEY = crypto.randomBytes(32).toString("base64");
    try {
      const again = (await listSshKeys(t.db, alice)).find((x) => x.id === generated.id)!;
      expect(again.privateKeyReadable).toBe(false);
      await expect(getAgentPrivateKey(t.db, alice, generated.id)).rejects.toBeInstanceOf(SecretKeyLostError);
    } finally {
      process.env.DUMONT_SECRET_KEY = saved;
    }
  });

  it("deletes the user's own key", async () => {
    const [k] = await listSshKeys(t.db, alice);
    expect(await deleteSshKey(t.db, alice, k!.id)).toBe(true);
    expect(await getSshKey(t.db, alice, k!.id)).toBeNull();
    expect(await deleteSshKey(t.db, alice, "not-a-real-id")).toBe(false);
  });
});
