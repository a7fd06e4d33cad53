/**
 * The sandbox SSH host against the real agent: per-machine ssh2 servers running the GPU emulator,
 * reached with AgentPool exactly as the app reaches a cloud machine. Also once end to end through
 * the sandbox's provider APIs (create → SSH in → stop/start/destroy).
 */
import { existsSync, readFileSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Client, utils } from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  AgentPool,
  CommandTimeoutError,
  SshAuthError,
  SshConnectError,
  checkpoint,
  memoryHostKeyStore,
  probe,
  processes,
  restore,
  verdict,
  type MachineTarget,
} from "@/lib/agent";
import { getAdapter, type Instance } from "@/lib/providers";
import { orderInput, waitForStatus } from "@/test/providers/harness";

import {
  SHELL_REFUSED_MESSAGE,
  pidsWithEnv,
  sandboxMachineKey,
  startSandboxSshHost,
  startSandboxWithSsh,
  type SandboxSshHost,
  type SandboxWithSsh,
  type SshMachineEndpoint,
} from "./index";

const isRoot = process.getuid?.() === 0;
const root = mkdtempSync(path.join(tmpdir(), "ssh-host-test-"));
const clientKey = utils.generateKeyPairSync("ed25519");
const strangerKey = utils.generateKeyPairSync("ed25519");
let host: SandboxSshHost;
let pool: AgentPool;
const hostKeys = memoryHostKeyStore();
let readyEp: SshMachineEndpoint;
let containerEp: SshMachineEndpoint;

const target = (
  id: string,
  ep: SshMachineEndpoint,
  privateKey = clientKey.private,
  username = ep.username,
): MachineTarget => ({
  id,
  host: ep.host,
  port: ep.port,
  username,
  privateKey,
});

function alive(pid: number): boolean {
  try {
    const st = readFileSync(`/proc/${pid}/status`, "utf8");
    return !/^State:\s+Z/m.test(st);
  } catch {
    return false;
  }
}

/** PIDs whose command line is exactly the given argv. */
function pidsWithCmdline(argv: string[]): number[] {
  const want = `${argv.join("\0")}\0`;
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, "utf8") === want;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** One raw ssh2 exec (what `ssh host <command>` does), for what the agent does not exercise. */
function rawExec(
  ep: SshMachineEndpoint,
  command: string | null,
  stdin = "",
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const c = new Client();
    c.on("error", reject);
    c.on("ready", () => {
      const onStream = (err: Error | undefined, ch: import("ssh2").ClientChannel) => {
        if (err) return reject(err);
        let stdout = "";
        let stderr = "";
        let code: number | null = null;
        ch.on("data", (d: Buffer) => (stdout += d.toString()));
        ch.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        ch.on("exit", (c2: number | null) => (code = c2));
        ch.on("close", () => {
          c.end();
          resolve({ stdout, stderr, code });
        });
        ch.end(stdin);
      };
      if (command === null) c.shell(false, onStream);
      else c.exec(command, onStream);
    });
    c.connect({
      host: ep.host,
      port: ep.port,
      username: ep.username,
      privateKey: clientKey.private,
      hostVerifier: () => true,
    });
  });
}

beforeAll(async () => {
  host = await startSandboxSshHost({ rootDir: path.join(root, "machines") });
  readyEp = await host.addMachine({
    instanceId: "td-ready",
    provider: "tensordock",
    authorizedKeys: [clientKey.public],
    timeScale: 0.01,
  });
  containerEp = await host.addMachine({
    instanceId: "rp-container",
    provider: "runpod",
    authorizedKeys: [`${clientKey.public} me@laptop`],
    timeScale: 0.01,
  });
  pool = new AgentPool({ hostKeys, keepaliveIntervalMs: 2000, connectAttempts: 2 });
});

afterAll(async () => {
  pool?.closeAll();
  await host?.closeAll();
  rmSync(root, { recursive: true, force: true });
});

describe("sandbox SSH host with the agent", () => {
  it("gives each machine its own port, host key and provider user", () => {
    expect(readyEp).toMatchObject({ host: "127.0.0.1", username: "user" });
    expect(containerEp.username).toBe("root");
    expect(readyEp.port).not.toBe(containerEp.port);
    expect(readyEp.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(readyEp.hostKeyFingerprint).not.toBe(containerEp.hostKeyFingerprint);
    expect(host.get("td-ready")).toMatchObject({ profile: "ready", running: true });
    expect(host.get("rp-container")?.profile).toBe("container");
  });

  it("probe: ready on a ready machine (host key pinned), CAP_SYS_PTRACE missing on a container", async () => {
    const p = await probe(pool, target("td-ready", readyEp));
    expect(hostKeys.pinned.get("td-ready")).toBe(readyEp.hostKeyFingerprint);
    expect(p.caps).toMatchObject({ sysPtrace: true, sysAdmin: true, checkpointRestore: true });
    expect(p.gpus).toHaveLength(1);
    const v = verdict(p);
    // Warnings may remain (host_ram_low compares the jobs' 38 GiB with this host's real free RAM).
    if (isRoot) {
      expect(v).toMatchObject({ ready: true, criuReady: true });
      expect(v.reasons.filter((r) => r.severity !== "warning")).toEqual([]);
    }

    const c = verdict(await probe(pool, target("rp-container", containerEp)));
    expect(c.ready).toBe(false);
    expect(c.reasons.find((r) => r.code === "cap_sys_ptrace_missing")?.message).toMatch(/CAP_SYS_PTRACE missing/);
  });

  it("processes lists the two jobs started at creation", async () => {
    const list = await processes(pool, target("td-ready", readyEp));
    const pids = host.get("td-ready")!.jobPids;
    expect(pids).toHaveLength(2);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pid: pids[0],
          name: "train.py",
          usedMemoryMiB: 30_720,
          state: "running",
          alive: true,
        }),
        expect.objectContaining({
          pid: pids[1],
          name: "infer.py",
          usedMemoryMiB: 8_192,
          state: "running",
          alive: true,
        }),
      ]),
    );
  });

  it("checkpoint then restore one job, state read back", async () => {
    const t = target("td-ready", readyEp);
    const pid = host.get("td-ready")!.jobPids[1]!;
    const ck = await checkpoint(pool, t, pid, { timeoutMs: 5000 });
    expect(ck.error).toBeUndefined();
    expect(ck.record).toMatchObject({
      action: "checkpoint",
      pid,
      initialState: "running",
      finalState: "checkpointed",
      bytes: 8192 * 1024 * 1024,
    });
    expect((await processes(pool, t, [{ pid, usedMemoryMiB: 8192 }])).find((p) => p.pid === pid)?.state).toBe(
      "checkpointed",
    );
    const rs = await restore(pool, t, pid);
    expect(rs.error).toBeUndefined();
    expect(rs.record).toMatchObject({ action: "restore", initialState: "checkpointed", finalState: "running" });
    expect((await processes(pool, t)).find((p) => p.pid === pid)?.state).toBe("running");
  });

  it("runs several channels on one connection, with stdin, stdout, stderr and exit codes", async () => {
    const t = target("td-ready", readyEp);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.exec(t, `echo "out ${i} $HOME $USER"; echo "err ${i}" >&2; exit $1`, [i]),
      ),
    );
    results.forEach((r, i) => {
      expect(r.exitCode).toBe(i);
      expect(r.stdout).toBe(`out ${i} ${host.get("td-ready")!.emulator.homeDir} user\n`);
      expect(r.stderr).toBe(`err ${i}\n`);
    });
    const raw = await rawExec(readyEp, "tr a-z A-Z; exit 7", "hello stdin\n");
    expect(raw).toEqual({ stdout: "HELLO STDIN\n", stderr: "", code: 7 });
    // The dashboard's own environment does not leak into a machine.
    process.env.DUMONT_SSH_HOST_TEST_SECRET = "s3cret";
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, run by the remote shell.
    expect((await rawExec(readyEp, 'echo "[${DUMONT_SSH_HOST_TEST_SECRET:-}]"')).stdout).toBe("[]\n");
    delete process.env.DUMONT_SSH_HOST_TEST_SECRET;
  });

  it("refuses an interactive shell politely", async () => {
    const r = await rawExec(readyEp, null);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(SHELL_REFUSED_MESSAGE);
  });

  it("kills the command's process group when the agent times out", async () => {
    const t0 = Date.now();
    await expect(
      pool.exec(target("td-ready", readyEp), "sleep 31.25 & sleep 31.5; wait", [], { timeoutMs: 400 }),
    ).rejects.toBeInstanceOf(CommandTimeoutError);
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect
      .poll(() => [...pidsWithCmdline(["sleep", "31.25"]), ...pidsWithCmdline(["sleep", "31.5"])], {
        timeout: 1000,
        interval: 50,
      })
      .toEqual([]); // before the remote `timeout` (2 s) could
  });

  it("refuses a key that is not authorized, and the wrong user", async () => {
    const stranger = new AgentPool({ hostKeys: memoryHostKeyStore(), connectAttempts: 1 });
    try {
      await expect(probe(stranger, target("td-ready", readyEp, strangerKey.private))).rejects.toBeInstanceOf(
        SshAuthError,
      );
      await expect(probe(stranger, target("td-ready-2", readyEp, clientKey.private, "root"))).rejects.toBeInstanceOf(
        SshAuthError,
      );
    } finally {
      stranger.closeAll();
    }
  });

  it("stop: connection refused, processes gone, folder kept; start: same port and host key", async () => {
    const t = target("td-ready", readyEp);
    const m = host.get("td-ready")!;
    await host.stopMachine("td-ready");
    expect(host.get("td-ready")?.running).toBe(false);
    const err = await probe(pool, t).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SshConnectError);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    for (const pid of m.jobPids) expect(alive(pid)).toBe(false);
    expect(pidsWithEnv("DUMONT_GPU_STATE_DIR", m.emulator.stateDir)).toEqual([]);
    expect(existsSync(path.join(m.dir, "state", "machine.env"))).toBe(true);

    const ep = await host.startMachine("td-ready");
    expect(ep).toEqual(readyEp);
    // Same pinned host key: no HostKeyChangedError.
    expect((await probe(pool, t)).gpus).toHaveLength(1);
    expect(hostKeys.pinned.get("td-ready")).toBe(readyEp.hostKeyFingerprint);
    expect(await processes(pool, t)).toEqual([]);
  });

  it("remove: folder gone, connection refused", async () => {
    const dir = host.get("rp-container")!.dir;
    await host.removeMachine("rp-container");
    expect(existsSync(dir)).toBe(false);
    expect(host.get("rp-container")).toBeUndefined();
    await expect(processes(pool, target("rp-container", containerEp))).rejects.toBeInstanceOf(SshConnectError);
  });
});

describe("through the sandbox's provider APIs", () => {
  let sb: SandboxWithSsh;
  const apiPool = new AgentPool({ hostKeys: memoryHostKeyStore(), keepaliveIntervalMs: 2000 });

  beforeAll(async () => {
    sb = await startSandboxWithSsh({
      faults: "bootMs=100,transitionMs=40,retryAfter=0",
      limits: { vastCreateIntervalMs: 0 },
      sshRootDir: path.join(root, "sandbox"),
      timeScale: 0.01,
    });
  });
  afterAll(async () => {
    apiPool.closeAll();
    await sb?.close();
  });

  const targetOf = (id: string, inst: Instance): MachineTarget => {
    if (!inst.ssh) throw new Error(`no SSH endpoint for ${inst.id}`);
    return { id, host: inst.ssh.host, port: inst.ssh.port, username: inst.ssh.user, privateKey: clientKey.private };
  };

  it("TensorDock: create with our key, SSH in as `user`, stop/start/destroy follow", async () => {
    const a = getAdapter("tensordock", { apiKey: "k-ssh", baseUrl: sb.baseUrls.tensordock });
    const offer = (await a.listOffers({ gpuModel: "H100" }))[0]!;
    const created = await a.createInstance(orderInput("ssh-td-1", offer.id, { sshPublicKey: clientKey.public }));
    const inst = await waitForStatus(a, created.id, "running");
    expect(inst.ssh).toMatchObject({ host: "127.0.0.1", user: "user" });
    const t = targetOf("api-td", inst);
    const p = await probe(apiPool, t);
    if (isRoot) expect(verdict(p).ready).toBe(true);
    expect(p.gpus[0]?.name).toBe(offer.gpuName);
    expect((await processes(apiPool, t)).map((x) => x.name).sort()).toEqual(["infer.py", "train.py"]);

    const key = sandboxMachineKey({ provider: "tensordock", id: created.id });
    await a.stop!(created.id);
    await waitForStatus(a, created.id, "stopped");
    await expect.poll(() => sb.sshHost.get(key)?.running, { timeout: 2000, interval: 25 }).toBe(false);
    await expect(probe(apiPool, t)).rejects.toBeInstanceOf(SshConnectError);

    await a.start!(created.id);
    const again = await waitForStatus(a, created.id, "running");
    expect(again.ssh).toEqual(inst.ssh);
    await expect.poll(() => sb.sshHost.get(key)?.running, { timeout: 2000, interval: 25 }).toBe(true);
    expect((await probe(apiPool, t)).gpus).toHaveLength(1); // same pinned host key

    const dir = sb.sshHost.get(key)!.dir;
    await a.destroy(created.id);
    await expect
      .poll(async () => (await a.listInstances()).some((i) => i.id === created.id && i.status !== "destroyed"), {
        timeout: 3000,
        interval: 25,
      })
      .toBe(false);
    await expect.poll(() => existsSync(dir), { timeout: 3000, interval: 25 }).toBe(false);
  });

  it("RunPod: a container as root, not checkpoint-capable", async () => {
    const a = getAdapter("runpod", { apiKey: "k-ssh", baseUrl: sb.baseUrls.runpod });
    const created = await a.createInstance(
      orderInput("ssh-rp-1", "SECURE:NVIDIA H100 80GB HBM3", { diskGb: 20, sshPublicKey: clientKey.public }),
    );
    const inst = await waitForStatus(a, created.id, "running");
    expect(inst.ssh?.user).toBe("root");
    const v = verdict(await probe(apiPool, targetOf("api-rp", inst)));
    expect(v.ready).toBe(false);
    expect(v.reasons.map((r) => r.code)).toContain("cap_sys_ptrace_missing");
    await a.destroy(created.id);
  });
});
