/**
 * The agent service on each database driver, against a REAL OpenSSH sshd on loopback with the GPU
 * emulator's tools on the session PATH: probes stored, processes listed, checkpoint and restore
 * records, refusals (not ready, same PID busy, no agent key, changed host key), a non-CUDA PID,
 * the sweep of records past their deadline, setup streamed into its log, and the pg-boss workers.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finishOperation,
  getAgentStateById,
  getOperationById,
  insertOperation,
  latestProbeById,
  renewOperationLease,
} from "@/db/queries/agent";
import { machines, sshKeys } from "@/db/schema";
import { startSshd, type SshClientKey, type SshdHandle } from "@/test/agent/start-sshd";
import { seal } from "@/lib/crypto/seal";
import { isDomainError } from "@/lib/errors";
import { installGpuEmulator, type GpuEmulator } from "@/sandbox/gpu-emulator";
import { sshKeyContext } from "@/lib/settings";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { createTestUser } from "@/test/test-users";
import { closeAgentPool } from "./agent-pool";
import type { AgentJobs } from "./job-deps";
import { stopBoss } from "@/lib/jobs/boss";
import { leaseUntil } from "@/db/lease";
import { getOperationsView, getProbeView, getProcessesView, getSetupView } from "./read-agent";
import { refreshProcesses } from "./refresh-processes";
import { requestOperation } from "./request-operation";
import { requestProbe } from "./request-probe";
import { requestSetup } from "./request-setup";
import { runOperation } from "./run-operation";
import { runProbe } from "./run-probe";
import { probeWhenReady } from "./queue";
import { runSetup } from "./run-setup";
import { sweepExpired } from "./sweep-expired";
import { trustHostKey } from "./trust-host-key";
import { useRandomSecretKey } from "@/test/file-env";
import { startAgentWorkers } from "./workers";

const root = mkdtempSync(path.join(tmpdir(), "agent-svc-"));
const isRoot = process.getuid?.() === 0;
let sshd: SshdHandle;
let ready: GpuEmulator;
let container: GpuEmulator;
let oldDriver: GpuEmulator;
let readyKey: SshClientKey;
let containerKey: SshClientKey;
let oldKey: SshClientKey;
useRandomSecretKey();

beforeAll(async () => {
  ready = await installGpuEmulator(path.join(root, "ready"), "ready", { timeScale: 0.01 });
  container = await installGpuEmulator(path.join(root, "container"), "container", { timeScale: 0.01 });
  oldDriver = await installGpuEmulator(path.join(root, "old"), "old-driver", { timeScale: 0.01 });
  sshd = await startSshd({ env: ready.env });
  readyKey = sshd.client;
  containerKey = sshd.addClient(container.env);
  oldKey = sshd.addClient(oldDriver.env);
});

afterAll(async () => {
  closeAgentPool();
  for (const e of [ready, container, oldDriver]) await e?.stopJobs();
  await sshd?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function domainError(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe.each(await availableDrivers())("agent service on %s", (driver) => {
  let t: TestDb;
  let userId: string;
  let readyId: string;
  let containerId: string;
  let oldId: string;
  let publicOnlyId: string;
  const queued: string[] = [];
  let jobs: AgentJobs;

  /** A generated key as generate-ssh-key.ts stores it: the private half sealed for its owner and row. */
  async function storeKey(key: SshClientKey | null, publicKey?: string): Promise<string> {
    const id = crypto.randomUUID();
    await t.db.insert(sshKeys).values({
      id,
      userId,
      name: `k-${id.slice(0, 4)}`,
      publicKey: key?.publicKey ?? publicKey!,
      fingerprint: "SHA256:test",
      sealedPrivateKey: key ? seal(key.privateKey, sshKeyContext(userId, id)) : null,
    });
    return id;
  }

  async function insertMachine(name: string, sshKeyId: string): Promise<string> {
    const id = crypto.randomUUID();
    await t.db.insert(machines).values({
      id,
      userId,
      name,
      provider: "tensordock",
      origin: "byo",
      gpuModel: "H100",
      sshKeyId,
      status: "running",
      sshHost: sshd.host,
      sshPort: sshd.port,
      sshUser: sshd.username,
      readyAt: new Date(),
      requestKey: crypto.randomUUID(),
    });
    return id;
  }

  beforeAll(async () => {
    t = await openTestDb(driver);
    userId = await createTestUser(t.db, "agent");
    readyId = await insertMachine("ready", await storeKey(readyKey));
    containerId = await insertMachine("container", await storeKey(containerKey));
    oldId = await insertMachine("old", await storeKey(oldKey));
    publicOnlyId = await insertMachine("public-only", await storeKey(null, readyKey.publicKey));
    jobs = {
      probe: (id) => runProbe(t.db, id),
      setup: (id) => runSetup(t.db, id),
      operation: async (id) => {
        queued.push(id);
      },
      refresh: (id) => refreshProcesses(t.db, id),
    };
  });
  afterAll(async () => {
    await ready.stopJobs();
    await t?.dispose();
  });

  it("probes a ready machine, pins its host key on first contact and stores the verdict with its date", async () => {
    const row = await runProbe(t.db, readyId);
    expect(row).toMatchObject({ machineId: readyId, userId, error: null });
    if (isRoot) expect(row).toMatchObject({ ready: true, criuReady: true });
    const [m] = await t.db.select().from(machines).where(eq(machines.id, readyId));
    expect(m!.hostKeyFingerprint).toBe(sshd.hostFingerprint);
    const view = await getProbeView(t.db, userId, readyId);
    expect(view.verdict).toMatchObject({ ready: isRoot, at: row!.at.toISOString() });
    expect(view.probe?.summary).toMatchObject({ driverVersion: "570.133.20", cudaCheckpointDriver: "570.133.20" });
    expect(view.hostKeyAlert).toBeNull();
    expect(view.agentKeyProblem).toBeNull();
  });

  it("a container machine probes not ready, and a checkpoint there is refused with the reasons", async () => {
    await requestProbe(t.db, userId, containerId, jobs);
    const view = await getProbeView(t.db, userId, containerId);
    expect(view.probing).toBe(false);
    expect(view.verdict?.ready).toBe(false);
    expect(view.verdict?.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(["cap_sys_ptrace_missing", "seccomp_filtered"]),
    );
    const err = await domainError(
      requestOperation(t.db, userId, containerId, { pid: 1234, action: "checkpoint" }, jobs),
    );
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(
      /^Refused: the probe of .* says this machine cannot checkpoint: CAP_SYS_PTRACE missing/,
    );
    expect(err.message).toContain("fix: choose a VM or bare-metal offer");
  });

  it("lists CUDA processes with state and GPU memory, and keeps the refresh going while watched", async () => {
    const a = await ready.startJob({ name: "python3", memMiB: 4096 });
    const b = await ready.startJob({ name: "vllm", memMiB: 2048 });
    const refreshed: string[] = [];
    const view = await getProcessesView(t.db, userId, readyId, {
      watch: true,
      jobs: {
        ...jobs,
        refresh: async (id) => {
          refreshed.push(id);
          return refreshProcesses(t.db, id);
        },
      },
    });
    expect(refreshed).toEqual([readyId]);
    expect(view.watchedUntil).not.toBeNull();
    const now = await getProcessesView(t.db, userId, readyId);
    expect(now.refreshError).toBeNull();
    expect(now.processes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pid: a,
          name: "python3",
          usedMemoryMiB: 4096,
          state: "running",
          checkpointed: false,
          exited: false,
        }),
        expect.objectContaining({ pid: b, name: "vllm", usedMemoryMiB: 2048, state: "running" }),
      ]),
    );
    // A process that ends leaves the list marked exited.
    process.kill(b, "SIGKILL");
    await new Promise((r) => setTimeout(r, 100));
    await refreshProcesses(t.db, readyId);
    const after = await getProcessesView(t.db, userId, readyId);
    expect(after.processes.find((p) => p.pid === b)).toMatchObject({ exited: true, state: "gone" });
    expect(after.processes.find((p) => p.pid === a)).toMatchObject({ state: "running" });
  });

  it.skipIf(!isRoot)(
    "checkpoint → checkpointed with bytes; a second one on the same PID is refused; restore → running",
    async () => {
      const pid = await ready.startJob({ name: "train", memMiB: 8192 });
      await refreshProcesses(t.db, readyId);

      // Two requests at the same instant: one is queued, the other refused.
      const [r1, r2] = await Promise.allSettled([
        requestOperation(t.db, userId, readyId, { pid, action: "checkpoint" }, jobs),
        requestOperation(t.db, userId, readyId, { pid, action: "checkpoint" }, jobs),
      ]);
      const ok = [r1, r2].filter((r) => r.status === "fulfilled");
      const refused = [r1, r2].filter((r) => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(((refused[0] as PromiseRejectedResult).reason as Error).message).toBe(
        `A checkpoint of PID ${pid} is already queued; wait for it to finish.`,
      );
      const opId = (ok[0] as PromiseFulfilledResult<{ id: string; status: string }>).value.id;
      expect(queued).toContain(opId);
      expect(
        (await getProcessesView(t.db, userId, readyId)).processes.find((p) => p.pid === pid)?.activeOperation,
      ).toMatchObject({ id: opId, action: "checkpoint", status: "queued" });

      const done = await runOperation(t.db, opId);
      expect(done).toMatchObject({
        status: "done",
        action: "checkpoint",
        pid,
        bytes: 8192 * 1024 * 1024,
        initialState: "running",
        finalState: "checkpointed",
        error: null,
      });
      expect(done!.durationMs).toBeGreaterThanOrEqual(0);
      expect(done!.startedAt).not.toBeNull();
      expect(done!.endedAt).not.toBeNull();
      expect((done!.steps as { name: string }[]).map((s) => s.name)).toEqual([
        "state_before",
        "lock",
        "state_after_lock",
        "checkpoint",
        "state_after_checkpoint",
      ]);
      // A second run of the same job (a redelivered message) does nothing.
      expect(await runOperation(t.db, opId)).toBeNull();

      // It left nvidia-smi; our registry keeps it on the page, with its memory, through refreshes.
      await refreshProcesses(t.db, readyId);
      const p = (await getProcessesView(t.db, userId, readyId)).processes.find((x) => x.pid === pid);
      expect(p).toMatchObject({
        state: "checkpointed",
        checkpointed: true,
        usedMemoryMiB: 8192,
        exited: false,
        activeOperation: null,
      });

      const rs = await requestOperation(t.db, userId, readyId, { pid, action: "restore" }, jobs);
      expect(rs).toMatchObject({ action: "restore", criu: false, status: "queued" });
      expect(await runOperation(t.db, rs.id)).toMatchObject({
        status: "done",
        initialState: "checkpointed",
        finalState: "running",
        bytes: 8192 * 1024 * 1024,
      });
      await refreshProcesses(t.db, readyId);
      expect((await getProcessesView(t.db, userId, readyId)).processes.find((x) => x.pid === pid)).toMatchObject({
        state: "running",
        checkpointed: false,
      });

      const history = await getOperationsView(t.db, userId, readyId);
      expect(history.operations.slice(0, 2).map((o) => [o.action, o.status, o.finalState])).toEqual([
        ["restore", "done", "running"],
        ["checkpoint", "done", "checkpointed"],
      ]);
    },
  );

  it.skipIf(!isRoot)(
    "with CRIU: the process is dumped to disk (gone), stays on the page, and restores from its image",
    async () => {
      const pid = await ready.startJob({ name: "dumpme", memMiB: 1024 });
      await refreshProcesses(t.db, readyId);
      const ck = await requestOperation(t.db, userId, readyId, { pid, action: "checkpoint", criu: true }, jobs);
      const done = await runOperation(t.db, ck.id);
      expect(done).toMatchObject({ status: "done", criu: true, finalState: "gone" });
      expect(done!.imagePath).toContain(ck.id);
      await refreshProcesses(t.db, readyId);
      expect((await getProcessesView(t.db, userId, readyId)).processes.find((x) => x.pid === pid)).toMatchObject({
        state: "gone",
        checkpointed: true,
        inCriuImage: true,
        exited: false,
      });
      const rs = await requestOperation(t.db, userId, readyId, { pid, action: "restore" }, jobs);
      expect(rs.criu).toBe(true);
      expect(await runOperation(t.db, rs.id)).toMatchObject({ status: "done", finalState: "running" });
      expect((await getProcessesView(t.db, userId, readyId)).processes.find((x) => x.pid === pid)).toMatchObject({
        state: "running",
        checkpointed: false,
        inCriuImage: false,
      });
    },
  );

  it.skipIf(!isRoot)(
    "a PID that is not a CUDA process ends in a failed record with a clear message, and never enters the list",
    async () => {
      const op = await requestOperation(t.db, userId, readyId, { pid: process.pid, action: "checkpoint" }, jobs);
      const failed = await runOperation(t.db, op.id);
      expect(failed).toMatchObject({
        status: "failed",
        errorCode: "not_cuda_process",
        finalState: "unknown",
        bytes: null,
      });
      expect(failed!.error).toMatch(new RegExp(`^PID ${process.pid} on ${readyId} is not a CUDA process`));
      expect(failed!.endedAt).not.toBeNull();
      expect((await getProcessesView(t.db, userId, readyId)).processes.some((p) => p.pid === process.pid)).toBe(false);
    },
  );

  it("validates the request: bad PIDs and actions are the caller's error", async () => {
    expect(
      await domainError(requestOperation(t.db, userId, readyId, { pid: -1, action: "checkpoint" }, jobs)),
    ).toMatchObject({ code: "invalid", message: "A process id is at least 1." });
    expect(
      await domainError(requestOperation(t.db, userId, readyId, { pid: "1; rm -rf /", action: "checkpoint" }, jobs)),
    ).toMatchObject({ code: "invalid" });
    expect(
      await domainError(requestOperation(t.db, userId, readyId, { pid: 5, action: "freeze" }, jobs)),
    ).toMatchObject({ code: "invalid" });
    // Another user's machine is not found.
    const other = await createTestUser(t.db, "other");
    expect(
      await domainError(requestOperation(t.db, other, readyId, { pid: 5, action: "checkpoint" }, jobs)),
    ).toMatchObject({ code: "not_found" });
    expect(await domainError(getProcessesView(t.db, other, readyId, { watch: true, jobs }))).toMatchObject({
      code: "not_found",
    });
  });

  it("a machine whose key was registered public-only: the probe says the agent cannot connect and how to fix it", async () => {
    const row = await runProbe(t.db, publicOnlyId);
    expect(row).toMatchObject({ ready: false, errorCode: "no_agent_key" });
    const view = await getProbeView(t.db, userId, publicOnlyId);
    expect(view.agentKeyProblem).toMatch(/registered as a public key only.*Generate a key in Settings/);
    expect(
      await domainError(requestOperation(t.db, userId, publicOnlyId, { pid: 5, action: "checkpoint" }, jobs)),
    ).toMatchObject({ code: "no_key" });
    expect(await domainError(requestSetup(t.db, userId, publicOnlyId, jobs))).toMatchObject({ code: "no_key" });
  });

  it("operations and setup runs past their deadline are marked failed by the sweep, never left running", async () => {
    const past = new Date(Date.now() - 1000);
    await insertOperation(t.db, {
      id: "op-stuck-q",
      machineId: readyId,
      userId,
      pid: 424242,
      action: "checkpoint",
      status: "queued",
      deadlineAt: past,
    });
    await insertOperation(t.db, {
      id: "op-stuck-r",
      machineId: readyId,
      userId,
      pid: 424243,
      action: "restore",
      status: "running",
      startedAt: new Date(Date.now() - 300_000),
      deadlineAt: past,
    });
    const r = await sweepExpired(t.db);
    expect(r.operations).toBe(2);
    expect(r.machineIds).toEqual([readyId]);
    expect(await getOperationById(t.db, "op-stuck-q")).toMatchObject({
      status: "failed",
      errorCode: "timed_out",
      error: expect.stringMatching(/No worker picked this operation up/),
    });
    const running = await getOperationById(t.db, "op-stuck-r");
    expect(running).toMatchObject({
      status: "failed",
      errorCode: "timed_out",
      error: expect.stringMatching(/did not report back before its deadline/),
    });
    expect(running!.durationMs).toBeGreaterThanOrEqual(299_000);
    // A late worker cannot bring a swept operation back.
    expect(await runOperation(t.db, "op-stuck-q")).toBeNull();
  });

  it("a running operation holds a short lease its worker renews; a queued one left 20 s is sent again", async () => {
    const now = Date.now();
    // A live worker renewed its lease a moment ago; a killed one stopped renewing 50 s ago.
    await insertOperation(t.db, {
      id: "op-lease-live",
      machineId: readyId,
      userId,
      pid: 525251,
      action: "checkpoint",
      status: "running",
      startedAt: new Date(now - 600_000),
      deadlineAt: new Date(now - 1),
    });
    await renewOperationLease(t.db, "op-lease-live", leaseUntil(now));
    await insertOperation(t.db, {
      id: "op-lease-dead",
      machineId: readyId,
      userId,
      pid: 525252,
      action: "checkpoint",
      status: "running",
      startedAt: new Date(now - 60_000),
      deadlineAt: new Date(now - 5_000),
    });
    await insertOperation(t.db, {
      id: "op-queued-old",
      machineId: readyId,
      userId,
      pid: 525253,
      action: "checkpoint",
      status: "queued",
      createdAt: new Date(now - 30_000),
      deadlineAt: new Date(now + 60_000),
    });
    await insertOperation(t.db, {
      id: "op-queued-new",
      machineId: readyId,
      userId,
      pid: 525254,
      action: "checkpoint",
      status: "queued",
      createdAt: new Date(now),
      deadlineAt: new Date(now + 60_000),
    });
    const r = await sweepExpired(t.db, new Date(now));
    expect((await getOperationById(t.db, "op-lease-live"))!.status).toBe("running");
    expect(await getOperationById(t.db, "op-lease-dead")).toMatchObject({ status: "failed", errorCode: "timed_out" });
    expect(r.resend.operations).toContain("op-queued-old");
    expect(r.resend.operations).not.toContain("op-queued-new");
    // The resent job finds the record still queued and runs it once; a second copy finds nothing to do.
    expect(await runOperation(t.db, "op-queued-old")).not.toBeNull();
    expect(await runOperation(t.db, "op-queued-old")).toBeNull();
    // A renewal cannot revive a record the sweep already ended.
    await renewOperationLease(t.db, "op-lease-dead", leaseUntil());
    expect((await getOperationById(t.db, "op-lease-dead"))!.status).toBe("failed");
    await finishOperation(t.db, "op-lease-live", { status: "failed", endedAt: new Date() });
    await finishOperation(t.db, "op-queued-new", { status: "failed", endedAt: new Date() });
  });

  it.skipIf(!isRoot)(
    "setup streams the guide's output into its log, then probes again: old driver → ready",
    async () => {
      // The emulator keeps its state in files: reset it to the old driver (the other driver's run set it up).
      rmSync(path.join(oldDriver.homeDir, "cuda-checkpoint"), { recursive: true, force: true });
      oldDriver = await installGpuEmulator(path.join(root, "old"), "old-driver", { timeScale: 0.01 });
      await runProbe(t.db, oldId);
      expect((await getProbeView(t.db, userId, oldId)).verdict?.reasons.map((r) => r.code)).toEqual(
        expect.arrayContaining(["driver_too_old", "cuda_checkpoint_missing", "persistence_off"]),
      );
      const seen: string[] = [];
      const run = await requestSetup(t.db, userId, oldId, {
        ...jobs,
        setup: async (id) => {
          // A second start while this one is queued is refused.
          seen.push((await domainError(requestSetup(t.db, userId, oldId, jobs))).message);
          await runSetup(t.db, id);
        },
      });
      expect(seen).toEqual(["Setup is already queued on this machine; its output is below."]);
      expect(run.status).toBe("queued");
      const view = await getSetupView(t.db, userId, oldId);
      expect(view.run).toMatchObject({ id: run.id, status: "done", error: null });
      expect(view.run!.log).toContain("== NVIDIA driver 570 ==\n");
      expect(view.run!.log).toContain("Setting up nvidia-driver-570 (570.133.20-0ubuntu1) ...\n");
      expect(view.run!.log).toContain("Setup finished. Driver 535.183.01 → 570.133.20.");
      expect(view.run!.log).toContain("Probe: ready for cuda-checkpoint.");
      expect((await getProbeView(t.db, userId, oldId)).verdict?.ready).toBe(true);
    },
  );

  it.skipIf(!isRoot)(
    "an SSH connection cut mid-checkpoint ends in a failed record with a clear message and the state read back",
    async () => {
      const pid = await ready.startJob({ name: "busy", busyMs: 3000 });
      await refreshProcesses(t.db, readyId);
      const op = await requestOperation(t.db, userId, readyId, { pid, action: "checkpoint" }, jobs);
      const pending = runOperation(t.db, op.id);
      // Cut it while the lock is in flight (the state was read, the lock waits on the busy job): waiting for
      // the lock itself, not a fixed time, which a loaded machine may not have reached yet.
      const locking = () => {
        try {
          execFileSync("pgrep", ["-f", `action lock --pid ${pid}`]);
          return true;
        } catch {
          return false;
        }
      };
      for (let i = 0; i < 400 && !locking(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(locking()).toBe(true);
      expect(sshd.killSessions()).toBeGreaterThan(0);
      const r = await pending;
      expect(r).toMatchObject({ status: "failed", errorCode: "connection_lost", initialState: "running" });
      expect(r!.error).toMatch(new RegExp(`^connection to ${readyId} lost during checkpoint of PID ${pid}`));
      expect(["running", "locked"]).toContain(r!.finalState);
      expect(r!.endedAt).not.toBeNull();
      // Nothing is left queued or running, and the process stays watched (the remote steps may still finish).
      const p = (await getProcessesView(t.db, userId, readyId)).processes.find((x) => x.pid === pid);
      expect(p).toMatchObject({ activeOperation: null, checkpointed: true });
      // Let the remote lock finish, then a refresh reads the truth again (the pool reconnects).
      await new Promise((r) => setTimeout(r, 3000));
      expect(await refreshProcesses(t.db, readyId)).toMatchObject({ ok: true });
      expect(["running", "locked", "checkpointed"]).toContain(
        (await getProcessesView(t.db, userId, readyId)).processes.find((x) => x.pid === pid)?.state,
      );
    },
  );

  it("a changed host key is refused loudly, naming both fingerprints, until the user trusts the new one", async () => {
    const pinned = sshd.hostFingerprint;
    await sshd.restart({ newHostKey: true });
    const fresh = sshd.hostFingerprint;
    expect(fresh).not.toBe(pinned);

    const row = await runProbe(t.db, readyId);
    expect(row).toMatchObject({ ready: false, errorCode: "host_key_changed" });
    expect(row!.error).toContain(pinned);
    expect(row!.error).toContain(fresh);
    const view = await getProbeView(t.db, userId, readyId);
    expect(view.hostKeyAlert).toMatchObject({ expected: pinned, actual: fresh });
    // The verdict of the last probe that ran is kept; actions are refused while the key is unresolved.
    expect(view.verdict).not.toBeNull();
    const err = await domainError(requestOperation(t.db, userId, readyId, { pid: 5, action: "checkpoint" }, jobs));
    expect(err.message).toBe(
      `Host key changed: this machine now presents ${fresh}, but ${pinned} was pinned on first contact. The agent refuses to connect: this may be a man-in-the-middle, or the machine was reinstalled. Verify the new key out of band before trusting it.`,
    );
    // The refresh job does not knock on it meanwhile.
    expect(await refreshProcesses(t.db, readyId)).toEqual({ ok: false, skipped: "host key changed" });
    const [m] = await t.db.select().from(machines).where(eq(machines.id, readyId));
    expect(m!.hostKeyFingerprint).toBe(pinned);

    expect(await domainError(trustHostKey(t.db, userId, readyId, "SHA256:something-else", jobs))).toMatchObject({
      code: "conflict",
    });
    await trustHostKey(t.db, userId, readyId, fresh, jobs);
    expect((await getAgentStateById(t.db, readyId))?.hostKeyChangedAt).toBeNull();
    expect(await latestProbeById(t.db, readyId)).toMatchObject({ error: null });
    const [m2] = await t.db.select().from(machines).where(eq(machines.id, readyId));
    expect(m2!.hostKeyFingerprint).toBe(fresh);
  });
});

describe("pg-boss workers (PGlite)", () => {
  let t: TestDb;
  let userId: string;
  let machineId: string;

  beforeAll(async () => {
    t = await openTestDb("pglite");
    userId = await createTestUser(t.db, "boss");
    const keyId = crypto.randomUUID();
    await t.db.insert(sshKeys).values({
      id: keyId,
      userId,
      name: "k",
      publicKey: readyKey.publicKey,
      fingerprint: "SHA256:test",
      sealedPrivateKey: seal(readyKey.privateKey, sshKeyContext(userId, keyId)),
    });
    machineId = crypto.randomUUID();
    await t.db.insert(machines).values({
      id: machineId,
      userId,
      name: "boss",
      provider: "tensordock",
      gpuModel: "H100",
      sshKeyId: keyId,
      status: "running",
      sshHost: sshd.host,
      sshPort: sshd.port,
      sshUser: sshd.username,
      readyAt: new Date(),
    });
  });
  afterAll(async () => {
    await stopBoss();
    await ready.stopJobs();
    await t?.dispose();
  });

  async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (ok(v) || Date.now() > end) return v;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it.skipIf(!isRoot)(
    "probe on ready, live refresh while watched, checkpoint and restore through the queues",
    async () => {
      await startAgentWorkers({ concurrency: 2 });
      await probeWhenReady(machineId);
      const probe = await until(
        () => getProbeView(t.db, userId, machineId),
        (v) => !!v.verdict,
      );
      expect(probe.verdict?.ready).toBe(true);

      const pid = await ready.startJob({ name: "live", memMiB: 512 });
      await getProcessesView(t.db, userId, machineId, { watch: true });
      const listed = await until(
        () => getProcessesView(t.db, userId, machineId),
        (v) => v.processes.some((p) => p.pid === pid),
      );
      expect(listed.processes.find((p) => p.pid === pid)).toMatchObject({ state: "running" });
      // The refresh job keeps reading while watched: a state change on the machine shows up by itself.
      await ready.setJob(pid, "state", "locked");
      const locked = await until(
        () => getProcessesView(t.db, userId, machineId),
        (v) => v.processes.find((p) => p.pid === pid)?.state === "locked",
        10_000,
      );
      expect(locked.processes.find((p) => p.pid === pid)?.state).toBe("locked");
      await ready.setJob(pid, "state", "running");

      const ck = await requestOperation(t.db, userId, machineId, { pid, action: "checkpoint" });
      const ckDone = await until(
        () => getOperationById(t.db, ck.id),
        (o) => o?.status === "done" || o?.status === "failed",
      );
      expect(ckDone).toMatchObject({ status: "done", finalState: "checkpointed" });
      const rs = await requestOperation(t.db, userId, machineId, { pid, action: "restore" });
      const rsDone = await until(
        () => getOperationById(t.db, rs.id),
        (o) => o?.status === "done" || o?.status === "failed",
      );
      expect(rsDone).toMatchObject({ status: "done", finalState: "running" });
    },
  );
});
