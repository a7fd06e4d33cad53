import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";

// Issue 6, faults and scale-out: two web processes and two `npm run worker` processes on one Postgres,
// one shared sandbox injecting faults. Deploys, checkpoints and destroys go through either web process
// while a random process is SIGKILLed and restarted (at least 50 rounds), and Postgres itself is
// restarted once. At the end: no duplicate order, every row final, nothing billing unseen, every
// checkpoint record final, each step's event written once, and both web processes serve the user.

const ROOT = process.cwd();
const SERVER = process.env.DATABASE_URL
  ? new URL(process.env.DATABASE_URL)
  : new URL("postgres://postgres@127.0.0.1:5432/postgres");
const PG_CLUSTER = fs.existsSync("/etc/postgresql") ? fs.readdirSync("/etc/postgresql")[0] : undefined;
const ROUNDS = 50;

type Proc = { name: string; start: () => ChildProcess; child: ChildProcess | null };

test("two web processes and two workers, SIGKILLed at random for 50 rounds, Postgres restarted: nothing lost or doubled", async () => {
  test.setTimeout(600_000);
  const admin = postgres(SERVER.toString(), { max: 1, onnotice: () => {} });
  const dbName = `dumont_scale_${Date.now().toString(36)}`;
  await admin.unsafe(`create database ${dbName}`);
  const dbUrl = new URL(SERVER.toString());
  dbUrl.pathname = `/${dbName}`;
  const logPath = path.join(os.tmpdir(), `dumont-scale-out-${Date.now()}.log`);
  const log = fs.openSync(logPath, "a");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dumont-scale-"));
  const procs: Proc[] = [];
  const spawnIt = (args: string[], env: Record<string, string>) =>
    spawn(process.execPath, args, {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", log, log],
      env: { ...process.env, ...env },
    });
  const kill = (p: Proc) => {
    if (p.child && p.child.exitCode === null) {
      try {
        process.kill(-p.child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    p.child = null;
  };
  try {
    const sandboxPort = 4300 + Math.floor(Math.random() * 500);
    const sandbox = spawnIt(["--import", "tsx", "sandbox/main.ts", String(sandboxPort)], {
      DUMONT_SANDBOX_FAULTS: "error=0.1,429=0.05,lost=0.05,bootMs=800,transitionMs=300",
      DUMONT_DATA_DIR: dataDir,
    });
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    await expect
      .poll(async () => (await fetch(`${sandboxUrl}/_sandbox/state`).catch(() => null))?.status, { timeout: 30_000 })
      .toBe(200);
    const env = {
      DATABASE_URL: dbUrl.toString(),
      DUMONT_SANDBOX: "1",
      DUMONT_SANDBOX_URL: sandboxUrl,
      DUMONT_SECRET_KEY: Buffer.alloc(32, 5).toString("base64"),
      AUTH_SECRET: "scale-out-secret-scale-out-secret-xx",
      DUMONT_DATA_DIR: dataDir,
      DUMONT_PROVIDER_TIMEOUT_MS: "2000",
      DUMONT_DB_POOL: "4",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const webs = [3401, 3402].map((port) => ({
      name: `web:${port}`,
      port,
      child: null as ChildProcess | null,
      start: () => spawnIt([path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], env),
    }));
    const workers = [1, 2].map((i) => ({
      name: `worker:${i}`,
      child: null as ChildProcess | null,
      start: () => spawnIt(["--import", "tsx", "--conditions=react-server", "lib/cli/worker.ts"], env),
    }));
    procs.push(...webs, ...workers);
    const health = async (port: number) =>
      (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0;
    webs[0]!.child = webs[0]!.start();
    await expect.poll(() => health(3401), { timeout: 60_000 }).toBe(200);
    for (const p of procs.slice(1)) p.child = p.start();
    await expect.poll(() => health(3402), { timeout: 60_000 }).toBe(200);

    // A user with a token and a generated SSH key (the agent needs its sealed private half).
    const seeded = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "test/seed-user-cli.ts", "scale"],
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" },
    );
    expect(seeded.status, seeded.stderr).toBe(0);
    const {
      userId,
      token,
      sshKeyId: keyId,
    } = JSON.parse(seeded.stdout.trim().split("\n").at(-1)!) as { userId: string; token: string; sshKeyId: string };
    const sql = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    // Whichever web process answers: either serves any user.
    const api = async (p: string, init: RequestInit = {}): Promise<Response> => {
      for (let i = 0; ; i++) {
        const port = webs[i % 2]!.port;
        const r = await fetch(`http://127.0.0.1:${port}/api/v1${p}`, { ...init, headers: auth }).catch(() => null);
        if (r && r.status < 500) return r;
        if (i > 60) throw new Error(`no web process answered ${p}`);
        await new Promise((res) => setTimeout(res, 500));
      }
    };

    const offers = (await (await api("/offers?provider=hostkey")).json()) as {
      offers: { id: string; available: boolean; gpuCount: number }[];
    };
    const offer = offers.offers.find((o) => o.available)!;
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await api("/machines", {
        method: "POST",
        body: JSON.stringify({
          provider: "hostkey",
          offerId: offer.id,
          gpuCount: offer.gpuCount,
          diskGb: 100,
          sshKeyId: keyId,
          name: `s-${i}`,
          requestKey: `scale-${i}`,
        }),
      });
      ids.push(((await r.json()) as { machine: { id: string } }).machine.id);
    }

    let rounds = 0;
    let pgRestarted = false;
    let sawOutage = false;
    const statuses = async () =>
      (await sql`select id, status from machines where user_id = ${userId}`.catch(() => [])) as unknown as {
        id: string;
        status: string;
      }[];
    const chaosUntil = async (done: () => Promise<boolean>) => {
      const end = Date.now() + 240_000;
      while (Date.now() < end) {
        if (rounds >= ROUNDS && (await done())) return true;
        const p = procs[Math.floor(Math.random() * procs.length)]!;
        kill(p);
        p.child = p.start();
        rounds++;
        if (rounds === 20 && PG_CLUSTER && !pgRestarted) {
          // Postgres goes away: the app says so (503 on health), then recovers when it is back.
          spawn("pg_ctlcluster", ["--skip-systemctl-redirect", PG_CLUSTER, "main", "restart"], { stdio: "ignore" });
          for (let i = 0; i < 40 && !sawOutage; i++) {
            if ((await health(webs[0]!.port)) === 503 || (await health(webs[1]!.port)) === 503) sawOutage = true;
            await new Promise((res) => setTimeout(res, 100));
          }
          pgRestarted = true;
        }
        await new Promise((res) => setTimeout(res, 1000 + Math.random() * 1500));
      }
      return done();
    };

    // Deploys settle while processes die; then checkpoints on two machines and destroys on half.
    const settled = (s: string) => ["running", "failed", "destroyed"].includes(s);
    expect(
      await chaosUntil(
        async () => (await statuses()).length === 8 && (await statuses()).every((m) => settled(m.status)),
      ),
    ).toBe(true);
    // A checkpoint on two machines, asked again until accepted: the probe may still be on its way
    // (409 says so and starts one), or the process list not read yet.
    const ops: string[] = [];
    const refusals: string[] = [];
    for (const id of ids.slice(4, 6)) {
      const end = Date.now() + 90_000;
      while (Date.now() < end && !ops.includes(id)) {
        const procsBody = (await (await api(`/machines/${id}/processes`)).json()) as {
          processes?: { pid: number; state: string }[];
        };
        const pid = procsBody.processes?.find((p) => p.state === "running")?.pid;
        if (pid) {
          const r = await api(`/machines/${id}/checkpoints`, {
            method: "POST",
            body: JSON.stringify({ pid, action: "checkpoint" }),
          });
          if (r.status === 202) ops.push(id);
          else refusals.push(`${r.status} ${(await r.text()).slice(0, 200)}`);
        }
        if (!ops.includes(id)) await new Promise((res) => setTimeout(res, 2000));
      }
    }
    expect(ops, `checkpoints refused: ${refusals.slice(-3).join(" | ")}`).toHaveLength(2);
    for (const id of ids.slice(0, 4)) await api(`/machines/${id}?confirm=s-${ids.indexOf(id)}`, { method: "DELETE" });
    rounds = Math.min(rounds, ROUNDS - 15); // at least 15 more kills during destroys and checkpoints
    expect(await chaosUntil(async () => (await statuses()).every((m) => settled(m.status)))).toBe(true);

    // Calm: every process up, work drains.
    for (const p of procs) if (!p.child) p.child = p.start();
    await expect
      .poll(async () => (await health(3401)) === 200 && (await health(3402)) === 200, { timeout: 60_000 })
      .toBe(true);
    try {
      await expect
        .poll(
          async () =>
            Number(
              (
                await sql`select count(*)::int as n from checkpoint_operations where user_id = ${userId} and status in ('queued','running')`
              )[0]!.n,
            ),
          { timeout: 120_000 },
        )
        .toBe(0);
    } catch (e) {
      // What CI cannot show otherwise: the stuck records, the periodic jobs' state and the processes' last words.
      console.log(
        "[scale-out] unfinished operations:",
        JSON.stringify(
          await sql`select id, status, created_at, started_at, deadline_at, now() as now from checkpoint_operations where user_id = ${userId}`,
        ),
      );
      console.log(
        "[scale-out] periodic jobs:",
        JSON.stringify(
          await sql`select name, state, policy, count(*)::int as n, max(started_on) as last_start from pgboss.job where name like '%sweep%' group by 1, 2, 3`.catch(
            () => [],
          ),
        ),
      );
      console.log(`[scale-out] log tail:\n${fs.readFileSync(logPath, "utf8").split("\n").slice(-80).join("\n")}`);
      throw e;
    }

    const rows =
      (await sql`select id, name, status, failure_reason from machines where user_id = ${userId}`) as unknown as {
        id: string;
        name: string;
        status: string;
        failure_reason: string | null;
      }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids.slice(0, 4)) expect(byId.get(id)!.status).toBe("destroyed");
    for (const id of ids.slice(4))
      expect(`${byId.get(id)!.name}:${byId.get(id)!.status}:${byId.get(id)!.failure_reason ?? ""}`).toBe(
        `${byId.get(id)!.name}:running:`,
      );
    // The provider bills exactly the running machines, once each.
    const state = (await (await fetch(`${sandboxUrl}/_sandbox/state`)).json()) as {
      instances: { name: string; phase: string }[];
    };
    const live = state.instances
      .filter((i) => !["destroyed", "destroying"].includes(i.phase))
      .map((i) => ids.find((id) => i.name.includes(id)) ?? `unknown:${i.name}`);
    expect(live.sort()).toEqual(ids.slice(4).sort());
    // Each step's event was written once: no step ran twice.
    const dup =
      await sql`select machine_id, step, count(*)::int as n from machine_events where outcome = 'done' and step in ('order','ready','destroy') group by machine_id, step having count(*) > 1`;
    expect(dup).toEqual([]);
    // Every checkpoint record that was asked for is final, none lost.
    const opRows = await sql`select status from checkpoint_operations where user_id = ${userId}`;
    expect(opRows.length).toBe(ops.length);
    // Ledger: open intervals only for running machines.
    const open = (await sql`select machine_id from usage_intervals where ended_at is null and user_id = ${userId}`).map(
      (r) => r.machine_id as string,
    );
    expect(open.sort()).toEqual(ids.slice(4).sort());
    // Both web processes serve the same user the same list.
    const a = (await (await fetch("http://127.0.0.1:3401/api/v1/machines", { headers: auth })).json()) as {
      machines: { id: string }[];
    };
    const b = (await (await fetch("http://127.0.0.1:3402/api/v1/machines", { headers: auth })).json()) as {
      machines: { id: string }[];
    };
    expect(a.machines.map((m) => m.id).sort()).toEqual(b.machines.map((m) => m.id).sort());
    if (PG_CLUSTER) expect(sawOutage).toBe(true);
    console.log(
      `[scale-out] at least ${rounds} kill rounds over the run, Postgres restarted: ${pgRestarted}, checkpoints asked: ${ops.length}`,
    );
    await sql.end();
    // SIGTERM: the sandbox removes its machines and their stand-in CUDA jobs.
    sandbox.kill("SIGTERM");
    await new Promise((res) => sandbox.once("exit", res));
  } finally {
    for (const p of procs) kill(p);
    await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
    await admin.end({ timeout: 2 });
  }
});
