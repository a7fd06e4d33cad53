import fs from "node:fs";
import path from "node:path";
import { startServer, tempDataDir } from "./server";
import { row, type BenchRow } from "./types";
import { createScratchDatabase } from "./scratch-db";

const NEXT = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const BOOT_MS = 2000;

/** Peak resident memory of a process (VmHWM), in MiB. */
const peakRssMiB = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

/**
 * Issue 3: Deploy → ready through the whole app (HTTP API, job, provider client, SSH wait) over the
 * sandbox's own boot time, and 50 deploys at once. Runs `next start` on a fresh Postgres database
 * with the sandbox inside the server process (its memory is counted in the server's peak).
 */
export async function benchDeploy(): Promise<BenchRow[]> {
  const scratch = await createScratchDatabase("dumont_bench");
  const url = scratch.url;
  const secret = Buffer.alloc(32, 7).toString("base64");
  const env = {
    DATABASE_URL: url,
    DUMONT_SANDBOX: "1",
    DUMONT_SANDBOX_FAULTS: `bootMs=${BOOT_MS}`,
    DUMONT_SECRET_KEY: secret,
    DUMONT_DATA_DIR: tempDataDir("deploy"),
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret",
  };
  const server = await startServer(process.execPath, [NEXT, "start", "-p", "3212"], 3212, env, "/api/health");
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    // Seed a user, an SSH key and a token with the app's own services, on the server's database.
    const { getDb, closeDb } = await import("@/db");
    const { createTestUser } = await import("@/test/test-users");
    const { generateSshKey } = await import("@/lib/settings/ssh-keys/generate-ssh-key");
    const { createApiToken } = await import("@/lib/settings/api-tokens/create-api-token");
    const db = await getDb();
    const userId = await createTestUser(db, "bench");
    const key = await generateSshKey(db, userId, { name: "bench" });
    const token = await createApiToken(db, userId, { name: "bench" });
    await closeDb();
    const auth = { authorization: `Bearer ${token.plaintext}`, "content-type": "application/json" };
    const api = (p: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1${p}`, { ...init, headers: { ...auth, ...(init.headers ?? {}) } });
    const offers = (await (await api("/offers?provider=hostkey")).json()) as {
      offers: { id: string; available: boolean; maxGpuCount: number; gpuCount: number }[];
    };
    const offer = offers.offers.find((o) => o.available)!;

    const deploy = async (i: number) => {
      const t0 = performance.now();
      const r = await api("/machines", {
        method: "POST",
        body: JSON.stringify({
          provider: "hostkey",
          offerId: offer.id,
          gpuCount: offer.gpuCount,
          diskGb: 100,
          sshKeyId: key.id,
          name: `b-${i}`,
          requestKey: `bench-${i}`,
        }),
      });
      const { machine } = (await r.json()) as { machine: { id: string } };
      for (;;) {
        const m = (await (await api(`/machines/${machine.id}`)).json()) as { machine: { status: string } };
        if (m.machine.status === "running") return performance.now() - t0;
        if (m.machine.status === "failed")
          throw new Error(`deploy ${i} failed: ${(m.machine as { failureReason?: string }).failureReason}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    };
    const single: number[] = [];
    for (let i = 0; i < 3; i++) single.push(await deploy(i));
    single.sort((a, b) => a - b);
    const median = single[1]!;
    const t0 = performance.now();
    const many = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => deploy(100 + i)));
    const total = performance.now() - t0;
    const ready = many.filter((r) => r.status === "fulfilled").length;
    const firstError = many.find((r) => r.status === "rejected");
    if (firstError)
      console.error(
        `[bench] ${50 - ready} of 50 deploys did not get ready; first: ${(firstError as PromiseRejectedResult).reason}`,
      );
    const latencies = many.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])).sort((a, b) => a - b);
    return [
      row({
        issue: "3",
        name: "Deploy → ready (one HOSTKEY machine, median of 3)",
        value: Math.round(median),
        unit: "ms",
        versus: "sandbox boot time",
        versusValue: BOOT_MS,
        note: "ratio − 1 = the app's overhead (job pickup, polling, SSH wait)",
      }),
      row({
        issue: "3",
        name: "50 deploys at once: all ready",
        value: ready,
        unit: "machines",
        versus: "asked for",
        versusValue: 50,
      }),
      row({
        issue: "3",
        name: "50 deploys at once: total time",
        value: Math.round(total),
        unit: "ms",
        versus: "one deploy",
        versusValue: Math.round(median),
        note: `slowest ${Math.round(latencies.at(-1) ?? 0)} ms`,
      }),
      row({
        issue: "3",
        name: "50 deploys at once: server peak memory (VmHWM)",
        value: peakRssMiB(server.proc.pid!),
        unit: "MiB",
        note: "next start + in-process sandbox and 53 simulated SSH hosts",
      }),
    ];
  } finally {
    process.env = saved;
    await server.stop();
    await scratch.drop();
  }
}
