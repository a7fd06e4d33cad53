import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { row, type BenchRow } from "./types";

const run = promisify(execFile);
const MiB = 1024 * 1024;

/**
 * Issue 11: hibernate (checkpoint + CRIU dump + pack + multipart upload + verify) and resume (probe +
 * download + checksum + unpack + restore) against the image size, each over the raw transfer of the
 * same bytes to the same S3 server with curl (one PUT, one GET). Real sshd, real s3rver, the GPU
 * emulator writing incompressible memory pages, on PGlite.
 */
export async function benchHibernate(): Promise<BenchRow[]> {
  const { openTestDb } = await import("@/test/test-db");
  const { createTestUser } = await import("@/test/test-users");
  const { startSshd } = await import("@/test/agent/start-sshd");
  const { installGpuEmulator } = await import("@/sandbox/gpu-emulator");
  const { startSandboxObjectStore, SANDBOX_S3 } = await import("@/sandbox/object-store");
  const { seal } = await import("@/lib/crypto/seal");
  const { sshKeyContext } = await import("@/lib/settings/ssh-keys/to-dto");
  const { machines, sshKeys } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { saveObjectStore, storeForUser } = await import("@/lib/hibernate/storage");
  const { requestHibernate } = await import("@/lib/hibernate/request");
  const { advanceHibernate } = await import("@/lib/hibernate/run-hibernate");
  const { advanceResume } = await import("@/lib/hibernate/run-resume");
  const { getHibernationById, updateHibernation } = await import("@/db/queries/hibernations");
  const { ObjectStore } = await import("@/lib/hibernate/object-store");
  const { closeAgentPool } = await import("@/lib/checkpoints/agent-pool");

  process.env.DUMONT_SECRET_KEY ??= crypto.randomBytes(32).toString("base64");
  const root = mkdtempSync(path.join(tmpdir(), "bench-hib-"));
  const rows: BenchRow[] = [];
  const s3 = await startSandboxObjectStore();
  const src = await installGpuEmulator(path.join(root, "src"), "ready", { timeScale: 0.01 });
  const dst = await installGpuEmulator(path.join(root, "dst"), "ready", { timeScale: 0.01 });
  for (const e of [src, dst])
    await run(path.join(e.binDir, "gpu-emu"), ["config", "dump_fill", "random"], { env: { ...process.env, ...e.env } });
  const sshd = await startSshd({ env: src.env });
  const dstKey = sshd.addClient(dst.env);
  const t = await openTestDb("pglite");
  try {
    const userId = await createTestUser(t.db, "bench");
    await saveObjectStore(t.db, userId, {
      endpoint: s3.url,
      region: "us-east-1",
      bucket: SANDBOX_S3.bucket,
      accessKeyId: SANDBOX_S3.accessKeyId,
      secretAccessKey: SANDBOX_S3.secretAccessKey,
    });
    const machine = async (name: string, key: { publicKey: string; privateKey: string }) => {
      const keyId = crypto.randomUUID();
      await t.db.insert(sshKeys).values({
        id: keyId,
        userId,
        name,
        publicKey: key.publicKey,
        fingerprint: "SHA256:bench",
        sealedPrivateKey: seal(key.privateKey, sshKeyContext(userId, keyId)),
      });
      const id = crypto.randomUUID();
      await t.db.insert(machines).values({
        id,
        userId,
        name,
        provider: "tensordock",
        gpuModel: "H100",
        checkpointCapable: true,
        sshKeyId: keyId,
        status: "running",
        sshHost: sshd.host,
        sshPort: sshd.port,
        sshUser: sshd.username,
        readyAt: new Date(),
        requestKey: id,
      });
      return id;
    };
    const deps = {
      db: t.db,
      enqueueMachineStep: async (id: string) =>
        void (await t.db.update(machines).set({ status: "destroyed" }).where(eq(machines.id, id))),
    };
    const settle = async (fn: () => Promise<number | null>) => {
      for (let i = 0; i < 200; i++) if ((await fn()) === null) return;
    };

    for (const mib of [256, 1024]) {
      await src.stopJobs();
      await dst.stopJobs();
      // Two processes, as a training job and its data loader would be.
      await src.startJob({ name: "train.py", memMiB: (mib * 3) / 4 });
      await src.startJob({ name: "loader.py", memMiB: mib / 4 });
      const sourceId = await machine(`src-${mib}`, sshd.client);
      const h = await requestHibernate(t.db, userId, sourceId);
      const t0 = performance.now();
      await settle(() => advanceHibernate(deps, h.id));
      const hibMs = performance.now() - t0;
      const done = (await getHibernationById(t.db, h.id))!;
      if (done.status !== "hibernated") throw new Error(`hibernate ended ${done.status}: ${done.error}`);
      const bytes = done.imageBytes!;

      // The same bytes, raw: one PUT and one GET of a file that size to the same server.
      const file = path.join(root, `raw-${mib}`);
      await run("sh", ["-c", `head -c ${bytes} /dev/urandom > ${file}`]);
      const store = new ObjectStore((await storeForUser(t.db, userId))!.config);
      const key = `raw/${mib}.bin`;
      const upId = await store.createUpload(key, {});
      const putUrl = await store.presignPart(key, upId, 1);
      const u0 = performance.now();
      const put = await run(
        "curl",
        ["-sS", "-D", "-", "-o", "/dev/null", "-X", "PUT", "-T", file, "-H", "Content-Type:", putUrl],
        { maxBuffer: 4 * MiB },
      );
      const rawUpMs = performance.now() - u0;
      const etag = /etag: *"?([0-9a-f]+)"?/i.exec(put.stdout)?.[1] ?? "";
      await store.completeUpload(key, upId, [{ n: 1, etag }]);
      const getUrl = await store.presignGet(key);
      const d0 = performance.now();
      await run("curl", ["-sS", "-f", "-o", `${file}.down`, getUrl]);
      const rawDownMs = performance.now() - d0;
      store.close();
      if (statSync(`${file}.down`).size !== bytes) throw new Error("raw download size differs");
      rmSync(file, { force: true });
      rmSync(`${file}.down`, { force: true });

      const destId = await machine(`dst-${mib}`, dstKey);
      await updateHibernation(t.db, h.id, {
        resumeStatus: "requested",
        resumeMachineId: destId,
        resumeStartedAt: new Date(),
      });
      const r0 = performance.now();
      await settle(() => advanceResume(deps, h.id));
      const resMs = performance.now() - r0;
      const resumed = (await getHibernationById(t.db, h.id))!;
      if (resumed.resumeStatus !== "resumed")
        throw new Error(`resume ended ${resumed.resumeStatus}: ${resumed.resumeError}`);

      const size = `${(bytes / MiB).toFixed(0)} MiB image`;
      // Where the time goes, from the steps' own timestamps.
      const at = (steps: { step: string; outcome: string; at: string }[], step: string, outcome: string) =>
        new Date(steps.find((x) => x.step === step && x.outcome === outcome)?.at ?? Number.NaN).getTime();
      const upMs = at(resumed.steps, "upload", "done") - at(resumed.steps, "upload", "started");
      const dumpMs = at(resumed.steps, "checkpoint", "done") - at(resumed.steps, "checkpoint", "started");
      const packMs = at(resumed.steps, "pack", "done") - at(resumed.steps, "pack", "started");
      const downMs = at(resumed.steps, "download", "done") - at(resumed.steps, "download", "started");
      rows.push(
        row({
          issue: "11",
          name: `Hibernate, ${size} (checkpoint, dump, pack, upload, verify)`,
          value: Math.round(hibMs),
          unit: "ms",
          versus: "raw curl PUT of the same bytes",
          versusValue: Math.round(rawUpMs),
        }),
      );
      rows.push(
        row({
          issue: "11",
          name: `  of which the upload (4 parts in flight, MD5 per part)`,
          value: Math.round(upMs),
          unit: "ms",
          versus: "raw curl PUT of the same bytes",
          versusValue: Math.round(rawUpMs),
          note: `checkpoint + CRIU dump ${Math.round(dumpMs)} ms, pack ${Math.round(packMs)} ms`,
        }),
      );
      rows.push(
        row({
          issue: "11",
          name: `Resume, ${size} (probe, download, checksum, unpack, restore)`,
          value: Math.round(resMs),
          unit: "ms",
          versus: "raw curl GET of the same bytes",
          versusValue: Math.round(rawDownMs),
        }),
      );
      rows.push(
        row({
          issue: "11",
          name: `  of which the download + SHA-256 + unpack`,
          value: Math.round(downMs),
          unit: "ms",
          versus: "raw curl GET of the same bytes",
          versusValue: Math.round(rawDownMs),
        }),
      );
    }
  } finally {
    closeAgentPool();
    await src.stopJobs();
    await dst.stopJobs();
    await sshd.stop();
    await t.dispose();
    await s3.close();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
