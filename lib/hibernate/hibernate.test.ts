/**
 * Hibernate and resume against a REAL OpenSSH sshd on loopback (GPU emulator tools on the PATH) and a
 * real S3-protocol server (the sandbox's s3rver): CUDA processes checkpointed and dumped with CRIU,
 * packed, uploaded part by part through presigned URLs, verified in the bucket; the machine destroyed;
 * then downloaded to another machine and restored with the same PIDs running. Refusals: another GPU
 * model or count, an older driver, a failed upload (the processes are restored where they were).
 */
import crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getHibernationById, updateHibernation } from "@/db/queries/hibernations";
import { getMachineById } from "@/db/queries/machines";
import { machines, objectStores, sshKeys } from "@/db/schema";
import { closeAgentPool } from "@/lib/checkpoints";
import { startSshd, type SshClientKey, type SshdHandle } from "@/test/agent/start-sshd";
import { seal } from "@/lib/crypto/seal";
import { installGpuEmulator, type GpuEmulator } from "@/sandbox/gpu-emulator";
import type { Offer } from "@/lib/providers/types";
import { startSandboxObjectStore, SANDBOX_S3, type SandboxObjectStore } from "@/sandbox/object-store";
import { sshKeyContext } from "@/lib/settings";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { createTestUser } from "@/test/test-users";
import { compareDrivers, offerRefusal } from "./compatibility";
import { ObjectStore } from "./object-store";
import { requestHibernate } from "./request";
import { advanceHibernate, type HibernateDeps } from "./run-hibernate";
import { advanceResume } from "./run-resume";
import { saveObjectStore, storageMicrosPerMonth, storeForUser } from "./storage";
import { useRandomSecretKey } from "@/test/file-env";

const root = mkdtempSync(path.join(tmpdir(), "hibernate-"));
let sshd: SshdHandle;
let source: GpuEmulator;
let dest: GpuEmulator;
let oldDriver: GpuEmulator;
let s3: SandboxObjectStore;
const keys: Record<string, SshClientKey> = {};
useRandomSecretKey();

beforeAll(async () => {
  source = await installGpuEmulator(path.join(root, "source"), "ready", { timeScale: 0.01 });
  dest = await installGpuEmulator(path.join(root, "dest"), "ready", { timeScale: 0.01 });
  oldDriver = await installGpuEmulator(path.join(root, "old"), "old-driver", { timeScale: 0.01 });
  sshd = await startSshd({ env: source.env });
  keys.source = sshd.client;
  keys.dest = sshd.addClient(dest.env);
  keys.old = sshd.addClient(oldDriver.env);
  s3 = await startSandboxObjectStore();
});

afterAll(async () => {
  closeAgentPool();
  for (const e of [source, dest, oldDriver]) await e?.stopJobs();
  await sshd?.stop();
  await s3?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("which offers can take an image", () => {
  const image = { gpuModel: "H100", gpuCount: 1, driverVersion: "570.133.20" };
  const offer = (over: Partial<Offer>): Offer =>
    ({
      id: "x",
      provider: "lambda",
      gpuModel: "H100",
      gpuName: "H100",
      gpuCount: 1,
      maxGpuCount: 1,
      vramGb: 80,
      pricePerHourMicros: 1,
      stoppedPricePerHourMicros: null,
      priceParts: [],
      listedDiskGb: 100,
      region: "r",
      kind: "vm",
      checkpointCapable: true,
      available: true,
      extra: {},
      ...over,
    }) as Offer;

  it("takes the same model and count on a checkpoint-capable offer with the same or a newer driver", () => {
    expect(offerRefusal(image, offer({}))).toBeNull();
    expect(offerRefusal(image, offer({ extra: { driverVersion: "580.65.06" } }))).toBeNull();
    // A per-GPU offer (TensorDock, RunPod) can be ordered with the image's count.
    expect(offerRefusal({ ...image, gpuCount: 2 }, offer({ gpuCount: 1, maxGpuCount: 8 }))).toBeNull();
  });

  it("refuses another model, another count, no checkpoint support, and an older driver, saying which", () => {
    expect(offerRefusal(image, offer({ gpuModel: "A100" }))).toMatch(/Another GPU model.*H100.*A100/);
    expect(offerRefusal(image, offer({ gpuCount: 8, maxGpuCount: 8 }))).toMatch(
      /Another GPU count: the image holds 1 GPU, this offer has 8/,
    );
    expect(offerRefusal(image, offer({ checkpointCapable: false, kind: "container" }))).toMatch(
      /cannot run on this offer/,
    );
    expect(offerRefusal(image, offer({ extra: { driverVersion: "550.144.03" } }))).toMatch(
      /older NVIDIA driver: 550.144.03.*570.133.20/,
    );
    expect(compareDrivers("570.133.20", "570.133.3")).toBeGreaterThan(0);
  });

  it("says what an image costs to keep per month", () => {
    // 12.5 GB at $0.023/GB-month
    expect(storageMicrosPerMonth(12_500_000_000, 23_000)).toBe(287_500);
  });
});

describe.each(await availableDrivers())("hibernate and resume on %s", (driver) => {
  let t: TestDb;
  let userId: string;
  let deps: HibernateDeps;
  const destroyed: string[] = [];

  async function storeKey(key: SshClientKey): Promise<string> {
    const id = crypto.randomUUID();
    await t.db.insert(sshKeys).values({
      id,
      userId,
      name: `k-${id.slice(0, 4)}`,
      publicKey: key.publicKey,
      fingerprint: "SHA256:test",
      sealedPrivateKey: seal(key.privateKey, sshKeyContext(userId, id)),
    });
    return id;
  }

  async function machine(name: string, key: SshClientKey, gpuModel = "H100"): Promise<string> {
    const id = crypto.randomUUID();
    await t.db.insert(machines).values({
      id,
      userId,
      name,
      provider: "tensordock",
      origin: "deployed",
      gpuModel,
      gpuCount: 1,
      checkpointCapable: true,
      sshKeyId: await storeKey(key),
      status: "running",
      sshHost: sshd.host,
      sshPort: sshd.port,
      sshUser: sshd.username,
      providerInstanceId: `inst-${name}`,
      readyAt: new Date(),
      requestKey: crypto.randomUUID(),
    });
    return id;
  }

  async function settle(fn: () => Promise<number | null>, max = 100): Promise<void> {
    for (let i = 0; i < max; i++) if ((await fn()) === null) return;
    throw new Error("did not settle");
  }

  beforeAll(async () => {
    t = await openTestDb(driver);
    userId = await createTestUser(t.db, "hib");
    // The provider side of destroy is the machine lifecycle's (tested on its own): here it just ends.
    deps = {
      db: t.db,
      enqueueMachineStep: async (id) => {
        destroyed.push(id);
        await t.db.update(machines).set({ status: "destroyed", destroyedAt: new Date() }).where(eq(machines.id, id));
      },
    };
  });
  afterAll(async () => {
    await source.stopJobs();
    await dest.stopJobs();
    await t?.dispose();
  });

  it("refuses to hibernate without object storage, then saves a bucket only after checking it", async () => {
    const id = await machine(`nostore-${driver}`, keys.source!);
    await expect(requestHibernate(t.db, userId, id)).rejects.toThrow(/Object storage/);
    await expect(
      saveObjectStore(t.db, userId, {
        endpoint: s3.url,
        region: "us-east-1",
        bucket: "no-such-bucket",
        accessKeyId: SANDBOX_S3.accessKeyId,
        secretAccessKey: SANDBOX_S3.secretAccessKey,
      }),
    ).rejects.toThrow(/does not exist/);
    const saved = await saveObjectStore(t.db, userId, {
      endpoint: s3.url,
      region: "us-east-1",
      bucket: SANDBOX_S3.bucket,
      accessKeyId: SANDBOX_S3.accessKeyId,
      secretAccessKey: SANDBOX_S3.secretAccessKey,
      pricePerGbMonth: "0.023",
    });
    expect(saved).toMatchObject({ bucket: SANDBOX_S3.bucket, accessKeyIdLast4: "RVER", pricePerGbMonthMicros: 23_000 });
    // The secret is sealed at rest and only opened server-side.
    expect(JSON.stringify(saved)).not.toContain(SANDBOX_S3.secretAccessKey);
    expect((await storeForUser(t.db, userId))!.config.secretAccessKey).toBe(SANDBOX_S3.secretAccessKey);
  });

  let hibernationId: string;
  let sourceId: string;
  let pids: number[];

  it("hibernates: every CUDA process checkpointed and dumped, the image packed, uploaded, verified, then the machine destroyed", async () => {
    sourceId = await machine(`src-${driver}`, keys.source!);
    pids = [
      await source.startJob({ name: "train.py", memMiB: 96 }),
      await source.startJob({ name: "serve.py", memMiB: 64 }),
    ];
    const h = await requestHibernate(t.db, userId, sourceId);
    // A second click while it runs is the same hibernation.
    expect((await requestHibernate(t.db, userId, sourceId)).id).toBe(h.id);
    hibernationId = h.id;
    await settle(() => advanceHibernate(deps, h.id));
    const done = (await getHibernationById(t.db, h.id))!;
    expect(done.error).toBeNull();
    expect(done.status).toBe("hibernated");
    expect(done.processes.map((p) => p.pid).sort()).toEqual([...pids].sort());
    expect(done.driverVersion).toBe("570.133.20");
    expect(done.rawBytes).toBeGreaterThanOrEqual(160 * 1024 * 1024);
    expect(done.imageBytes).toBeGreaterThan(0);
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.storeBucket).toBe(SANDBOX_S3.bucket);
    expect(done.hibernateMs).toBeGreaterThan(0);
    expect(done.steps.map((s) => `${s.step}:${s.outcome}`)).toEqual(
      expect.arrayContaining(["checkpoint:done", "pack:done", "upload:done", "verify:done", "destroy:done"]),
    );
    // In the bucket, with the size and checksum the machine computed.
    const store = new ObjectStore((await storeForUser(t.db, userId))!.config);
    expect(await store.head(done.objectKey!)).toEqual({
      bytes: done.imageBytes,
      metadata: expect.objectContaining({ sha256: done.sha256 }),
    });
    store.close();
    // The processes are gone from the source, and the machine was destroyed only after the image was verified.
    for (const pid of pids) expect(await source.getJob(pid, "dumped")).toBe("1");
    expect(destroyed).toContain(sourceId);
    expect((await getMachineById(t.db, sourceId))!.status).toBe("destroyed");
  });

  it("refuses a machine with an older driver after probing it, destroys it, and keeps the image", async () => {
    const oldId = await machine(`old-${driver}`, keys.old!);
    await updateHibernation(t.db, hibernationId, {
      resumeStatus: "requested",
      resumeMachineId: oldId,
      resumeStartedAt: new Date(),
    });
    await settle(() => advanceResume(deps, hibernationId));
    const h = (await getHibernationById(t.db, hibernationId))!;
    expect(h.resumeStatus).toBe("failed");
    expect(h.resumeError).toMatch(/driver/i);
    expect(h.status).toBe("hibernated");
    expect(destroyed).toContain(oldId);
  });

  it("resumes on another machine: downloaded, checksum checked, every process running again with its PID", async () => {
    const destId = await machine(`dst-${driver}`, keys.dest!);
    await updateHibernation(t.db, hibernationId, {
      resumeStatus: "requested",
      resumeMachineId: destId,
      resumeStartedAt: new Date(),
      resumeError: null,
    });
    await settle(() => advanceResume(deps, hibernationId));
    const h = (await getHibernationById(t.db, hibernationId))!;
    expect(h.resumeError).toBeNull();
    expect(h.resumeStatus).toBe("resumed");
    expect(h.resumeMs).toBeGreaterThan(0);
    expect(h.progress).toBeNull();
    for (const pid of pids) {
      expect(await dest.getJob(pid, "state")).toBe("running");
      expect(await dest.getJob(pid, "name")).toMatch(/train.py|serve.py/);
    }
    expect(h.steps.filter((s) => s.step === "restore" && s.outcome === "info")).toHaveLength(2);
  });

  it("a failed upload restores the processes on the machine, leaves it running, and says why", async () => {
    const id = await machine(`fail-${driver}`, keys.source!);
    const pid = await source.startJob({ name: "eval.py", memMiB: 32 });
    const h = await requestHibernate(t.db, userId, id);
    // The bucket's endpoint stops answering between the request and the upload.
    await t.db.update(objectStores).set({ endpoint: "http://127.0.0.1:1" }).where(eq(objectStores.userId, userId));
    try {
      await settle(() => advanceHibernate(deps, h.id));
    } finally {
      await t.db.update(objectStores).set({ endpoint: s3.url }).where(eq(objectStores.userId, userId));
    }
    const failed = (await getHibernationById(t.db, h.id))!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/upload failed/);
    expect(failed.steps.map((x) => `${x.step}:${x.outcome}`)).toContain("restore:done");
    expect(await source.getJob(pid, "state")).toBe("running");
    expect((await getMachineById(t.db, id))!.status).toBe("running");
    expect(destroyed).not.toContain(id);
  });
});
