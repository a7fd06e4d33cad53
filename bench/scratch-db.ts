import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh Postgres database for one benchmark (so figures never depend on what ran before); drop() removes it. */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const name = `${prefix}_${Date.now().toString(36)}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (e) {
    await admin.end({ timeout: 2 });
    throw e;
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end({ timeout: 2 });
    },
  };
}

/**
 * Runs `measure` on a scratch Postgres database, then on a fresh PGlite folder, through the app's own
 * db module (DATABASE_URL decides the driver), and puts the environment back. A Postgres that cannot
 * be reached skips that half with a line on stderr.
 */
export async function onEachDriver(
  label: string,
  measure: (driver: "postgres" | "pglite") => Promise<void>,
): Promise<void> {
  const saved = { url: process.env.DATABASE_URL, dir: process.env.DUMONT_DATA_DIR };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dumont-bench-${label}-`));
  const { closeDb } = await import("@/db");
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  try {
    try {
      scratch = await createScratchDatabase(`dumont_bench_${label}`);
      process.env.DATABASE_URL = scratch.url;
      await measure("postgres");
    } catch (e) {
      console.error(`[bench] ${label} on Postgres could not run: ${(e as Error).message}`);
    }
    await closeDb();
    delete process.env.DATABASE_URL;
    process.env.DUMONT_DATA_DIR = dir;
    await measure("pglite");
  } finally {
    await closeDb();
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of [
      ["DATABASE_URL", saved.url],
      ["DUMONT_DATA_DIR", saved.dir],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
