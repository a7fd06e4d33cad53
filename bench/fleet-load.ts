import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { startServer, tempDataDir } from "./server";
import { row, type BenchRow } from "./types";
import { createScratchDatabase } from "./scratch-db";

const NEXT = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const USERS = 200;
const MACHINES = 1000;

const peakRssMiB = (pid: number) =>
  Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN) / 1024);

/**
 * Issue 6: 200 signed-in clients (personal tokens) polling their machines with a fleet of 1,000
 * machines on Postgres: p50/p99 of the polling endpoints and of the compare page, errors, memory.
 */
export async function benchFleetLoad(): Promise<BenchRow[]> {
  const scratch = await createScratchDatabase("dumont_load");
  const url = scratch.url;
  const env = {
    DATABASE_URL: url,
    DUMONT_SANDBOX: "0",
    DUMONT_WORKERS: "0",
    DUMONT_SECRET_KEY: Buffer.alloc(32, 9).toString("base64"),
    DUMONT_DATA_DIR: tempDataDir("load"),
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
  };
  const server = await startServer(process.execPath, [NEXT, "start", "-p", "3213"], 3213, env, "/api/health");
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const { getDb, closeDb } = await import("@/db");
    const { createTestUser } = await import("@/test/test-users");
    const { createApiToken } = await import("@/lib/settings/api-tokens/create-api-token");
    const db = await getDb();
    const tokens: { token: string; userId: string }[] = [];
    for (let i = 0; i < USERS; i++) {
      const userId = await createTestUser(db, `load${i}`);
      const t = await createApiToken(db, userId, { name: "load" });
      tokens.push({ token: t.plaintext, userId });
    }
    await closeDb();
    // 1,000 running machines, 5 per user, each with an open ledger interval, in one statement each.
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const ids = tokens.map((t) => t.userId);
    await sql`insert into machines (id, user_id, name, provider, gpu_model, status, price_per_hour_micros, ssh_host, ssh_port, ssh_user, request_key, ready_at)
      select 'm' || g, (${ids}::text[])[1 + (g % ${USERS})], 'box-' || g, 'tensordock', 'H100', 'running', 2250000, '127.0.0.1', 22, 'user', 'load-' || g, now() - interval '1 hour'
      from generate_series(1, ${MACHINES}) g`;
    await sql`insert into usage_intervals (id, user_id, machine_id, provider, state, rate_per_hour_micros, granularity, started_at)
      select 'u' || id, user_id, id, provider, 'running', 2250000, 'hour', now() - interval '1 hour' from machines`;
    await sql.end();

    const hit = (p: string, connections: number) =>
      autocannon({
        url: server.url,
        connections,
        duration: 10,
        requests: tokens.map((t) => ({
          method: "GET",
          path: p.replace("{id}", "m1"),
          headers: { authorization: `Bearer ${t.token}` },
        })),
      });
    const list = await hit("/api/v1/machines", 200);
    const compare = await autocannon({ url: `${server.url}/compare`, connections: 200, duration: 10 });
    const errors = (r: autocannon.Result) => r.errors + r.timeouts + (r.non2xx ?? 0);
    return [
      row({
        issue: "6",
        name: `polling /api/v1/machines, ${USERS} clients, ${MACHINES} machines: p50`,
        value: list.latency.p50,
        unit: "ms",
        versus: "p99",
        versusValue: list.latency.p99,
        note: `${Math.round(list.requests.average)} req/s, ${errors(list)} errors`,
      }),
      row({
        issue: "6",
        name: "compare page under the same 200 connections: p50",
        value: compare.latency.p50,
        unit: "ms",
        versus: "p99",
        versusValue: compare.latency.p99,
        note: `${Math.round(compare.requests.average)} req/s, ${errors(compare)} errors`,
      }),
      row({
        issue: "6",
        name: "server peak memory under load (VmHWM)",
        value: peakRssMiB(server.proc.pid!),
        unit: "MiB",
      }),
    ];
  } finally {
    process.env = saved;
    await server.stop();
    await scratch.drop();
  }
}
