import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../index";
import { firstOrNull } from "./first-or-null";
import { userRow } from "./user-rows";
import { sshKeys } from "../schema";

// Every function takes the user id and filters on it: another user's id simply finds nothing.

/** What a list may show: the public half and whether a sealed private half exists, never the half itself. */
const publicColumns = {
  id: sshKeys.id,
  name: sshKeys.name,
  publicKey: sshKeys.publicKey,
  fingerprint: sshKeys.fingerprint,
  createdAt: sshKeys.createdAt,
  hasPrivateKey: sql<boolean>`(${sshKeys.sealedPrivateKey} is not null)`,
  /** Null for registered keys. */
  sealKeyId: sql<string | null>`split_part(${sshKeys.sealedPrivateKey}, '.', 2)`,
};

export async function listSshKeys(db: Db, userId: string) {
  return db
    .select(publicColumns)
    .from(sshKeys)
    .where(eq(sshKeys.userId, userId))
    .orderBy(desc(sshKeys.createdAt), sshKeys.id);
}

export async function findSshKey(db: Db, userId: string, id: string) {
  return firstOrNull(
    db
      .select(publicColumns)
      .from(sshKeys)
      .where(userRow(sshKeys, userId, id)),
  );
}

export async function findSshKeyByFingerprint(db: Db, userId: string, fingerprint: string) {
  return firstOrNull(
    db
      .select({ id: sshKeys.id, name: sshKeys.name })
      .from(sshKeys)
      .where(and(eq(sshKeys.userId, userId), eq(sshKeys.fingerprint, fingerprint))),
  );
}

export async function insertSshKey(
  db: Db,
  userId: string,
  v: { id: string; name: string; publicKey: string; fingerprint: string; sealedPrivateKey: string | null },
) {
  const [row] = await db
    .insert(sshKeys)
    .values({ ...v, userId })
    .returning(publicColumns);
  return row!;
}

export async function deleteSshKey(db: Db, userId: string, id: string): Promise<{ name: string } | null> {
  return firstOrNull(
    db
      .delete(sshKeys)
      .where(userRow(sshKeys, userId, id))
      .returning({ name: sshKeys.name }),
  );
}

/** Server-side only (the agent): the sealed private half, null when the key has none or is not the user's. */
export async function findSealedPrivateKey(db: Db, userId: string, id: string) {
  return firstOrNull(
    db
      .select({ sealedPrivateKey: sshKeys.sealedPrivateKey, publicKey: sshKeys.publicKey })
      .from(sshKeys)
      .where(userRow(sshKeys, userId, id)),
  );
}
