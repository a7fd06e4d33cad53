import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { closeDb, getDb, getHandle, type Db } from "@/db";
import { migrate } from "@/db/migrate";

export type Driver = "pglite" | "postgres";

/** The server that integration tests create throw-away databases on: DATABASE_URL's, or the local one. */
const serverUrl = () => process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

let reachable: Promise<boolean> | undefined;
/** Whether a real Postgres answers; tests run on PGlite alone (and say so) when none does. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const sql = postgres(serverUrl(), { max: 1, connect_timeout: 3, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      console.warn(
        `[test-db] no Postgres at ${serverUrl().replace(/\/\/[^@]*@/, "//***@")}: data-layer tests run on PGlite only`,
      );
      return false;
    } finally {
      await sql.end({ timeout: 1 });
    }
  })();
  return reachable;
}

export async function availableDrivers(): Promise<Driver[]> {
  return (await postgresReachable()) ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDb {
  driver: Driver;
  db: Db;
  /** Closes the client and drops the database (Postgres) or its folder (PGlite). */
  dispose: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new PGlite folder, or a new database on the
 * Postgres server, so tests never see each other's rows. It becomes the process's db client.
 */
export async function openTestDb(driver: Driver): Promise<TestDb> {
  await closeDb();
  const saved = { url: process.env.DATABASE_URL, dir: process.env.DUMONT_DATA_DIR };
  let cleanup: () => Promise<void>;
  if (driver === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dumont-test-"));
    delete process.env.DATABASE_URL;
    process.env.DUMONT_DATA_DIR = dir;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `dumont_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(serverUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 2 });
    };
  }
  await getHandle();
  await migrate();
  const db = await getDb();
  return {
    driver,
    db,
    dispose: async () => {
      await closeDb();
      await cleanup();
      if (saved.url === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved.url;
      if (saved.dir === undefined) delete process.env.DUMONT_DATA_DIR;
      else process.env.DUMONT_DATA_DIR = saved.dir;
    },
  };
}
