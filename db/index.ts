import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { getEnv, databaseKind } from "@/lib/env";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface Handle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
  /** Raw SQL for tools that need it (pg-boss): parameterless statements and parameterised queries. */
  /** Runs one or more statements without parameters; returns the rows of the last one. */
  exec: (sql: string) => Promise<unknown[]>;
  query: (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;
  /** Runs fn while holding a Postgres advisory lock on one dedicated connection (PGlite: one process, no lock). */
  withLock: <T>(lockId: number, fn: () => Promise<T>) => Promise<T>;
}

// One client per process, kept on globalThis so that Next's module reloading in dev and several
// bundles in one server process share it (PGlite allows one opener per data folder).
const g = globalThis as unknown as { __dumontDb?: Promise<Handle> };

async function open(): Promise<Handle> {
  const env = getEnv();
  const url = env.databaseUrl;
  if (url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, { max: env.dbPoolSize, onnotice: () => {} });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      exec: async (sql) => [...(await client.unsafe(sql))],
      query: async (sql, params) => ({ rows: await client.unsafe(sql, params as never[]) }),
      withLock: async (lockId, fn) => {
        // Session-level locks must be taken and released on the same connection, not the pool.
        const conn = await client.reserve();
        try {
          await conn`select pg_advisory_lock(${lockId})`;
          try {
            return await fn();
          } finally {
            await conn`select pg_advisory_unlock(${lockId})`;
          }
        } finally {
          conn.release();
        }
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dir = path.join(/*turbopackIgnore: true*/ env.dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
    exec: async (sql) => (await client.exec(sql)).at(-1)?.rows ?? [],
    query: async (sql, params) => ({ rows: (await client.query(sql, params as never[])).rows }),
    withLock: (_lockId, fn) => fn(),
  };
}

export function getHandle(): Promise<Handle> {
  g.__dumontDb ??= open().catch((err) => {
    g.__dumontDb = undefined;
    throw err;
  });
  return g.__dumontDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

export async function closeDb(): Promise<void> {
  const h = g.__dumontDb;
  g.__dumontDb = undefined;
  if (h) await (await h).close();
}

export { databaseKind, schema };
