/**
 * SSH side of the sandbox: one ssh2 `Server` per emulated machine on 127.0.0.1, each with its own
 * port and its own ed25519 host key (so host-key pinning is per machine, as on real clouds), and
 * the GPU emulator's tools on the session PATH. The agent (`lib/agent`) talks to it exactly as to
 * a real machine: `timeout … bash -s -- args` with the script on stdin, several channels per
 * connection, KILL signal + channel close on its own timeout.
 *
 * A machine is a folder (`rootDir/<id>/`: the emulator's bin/lib/state/home plus `ssh/`). Stopping
 * it closes the server and kills its processes but keeps the folder (a stopped VM keeps its disk);
 * starting it listens again on the same port with the same host key; removing it deletes the folder.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { constants as osConstants } from "node:os";

import { Server, utils, type Connection, type ParsedKey, type ServerChannel, type Session } from "ssh2";

import { sshFingerprint } from "@/lib/agent/host-keys";
import { GPU_PROFILES, installGpuEmulator, type GpuEmulator, type GpuProfile } from "@/sandbox/gpu-emulator";
import type { ProviderSlug } from "@/lib/providers/types";

import { killMachineProcesses, killProcessGroup } from "./machine-processes";
import { profileFor, sshUsernameFor } from "./provider-defaults";

export const SHELL_REFUSED_MESSAGE = "This sandbox machine accepts commands only (ssh host <command>)";

export interface SandboxJobSpec {
  name: string;
  memMiB: number;
  gpu?: number;
}

export interface AddMachineOptions {
  /** Unique per host; also names the machine's folder (characters outside [A-Za-z0-9_.-] become "_"). */
  instanceId: string;
  provider: ProviderSlug;
  /** Emulator profile; default from the provider (RunPod/Vast.ai → "container", others "ready"). */
  profile?: GpuProfile;
  /** OpenSSH public key lines. Lines that do not parse are ignored (nobody can use them to log in). */
  authorizedKeys: string[];
  /** Login user; default from the provider (root, ubuntu for Lambda, user for TensorDock). */
  username?: string;
  gpu?: { name?: string; count?: number; memoryMiB?: number };
  /** Emulator time scale (checkpoint copy time etc.); default the emulator's. */
  timeScale?: number;
  /** CUDA jobs started at once so a new user sees processes to checkpoint; default train.py + infer.py. */
  jobs?: SandboxJobSpec[];
}

export interface SshMachineEndpoint {
  host: "127.0.0.1";
  port: number;
  username: string;
  /** "SHA256:…", as the agent's HostKeyStore pins it. */
  hostKeyFingerprint: string;
}

export interface SshMachineInfo {
  instanceId: string;
  provider: ProviderSlug;
  profile: GpuProfile;
  dir: string;
  running: boolean;
  endpoint: SshMachineEndpoint;
  emulator: GpuEmulator;
  /** PIDs of the jobs started by addMachine (dead once the machine was stopped). */
  jobPids: number[];
}

export interface SandboxSshHost {
  rootDir: string;
  addMachine(opts: AddMachineOptions): Promise<SshMachineEndpoint>;
  /** Closes the machine's server and connections and kills its processes; the folder stays. No-op when stopped. */
  stopMachine(instanceId: string): Promise<void>;
  /** Listens again on the same port with the same host key. No-op when running. */
  startMachine(instanceId: string): Promise<SshMachineEndpoint>;
  /** Stops the machine and deletes its folder. No-op for an unknown id. */
  removeMachine(instanceId: string): Promise<void>;
  /** Replaces the authorized keys (e.g. a key attached to a running instance). */
  setAuthorizedKeys(instanceId: string, keys: string[]): void;
  get(instanceId: string): SshMachineInfo | undefined;
  list(): SshMachineInfo[];
  /** Stops every machine (folders stay; the caller owns rootDir). */
  closeAll(): Promise<void>;
}

export interface StartSandboxSshHostOptions {
  /** Parent folder of the machines' folders (created if missing). */
  rootDir: string;
  /** Address to listen on; only loopback makes sense for a simulator. */
  listenHost?: "127.0.0.1";
}

/** 30 GB training + 8 GB inference: enough to make a checkpoint look like one. */
export const DEFAULT_JOBS: readonly SandboxJobSpec[] = [
  { name: "train.py", memMiB: 30_720, gpu: 0 },
  { name: "infer.py", memMiB: 8_192, gpu: 0 },
];

interface Machine {
  instanceId: string;
  provider: ProviderSlug;
  profile: GpuProfile;
  username: string;
  dir: string;
  emulator: GpuEmulator;
  hostKey: string;
  hostKeyFingerprint: string;
  port: number;
  keys: ParsedKey[];
  server: Server | null;
  conns: Set<Connection>;
  /** Running session commands (each a process-group leader). */
  children: Set<ChildProcess>;
  jobPids: number[];
  /** Serializes stop/start/remove: the sandbox fires them from synchronous phase hooks. */
  queue: Promise<unknown>;
  removed: boolean;
}

function safeDirName(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/^\.+/, "_");
  return s.slice(0, 120) || "_";
}

/** Parses OpenSSH public key lines; tolerates authorized_keys options before the key type. */
export function parseAuthorizedKeys(lines: readonly string[]): ParsedKey[] {
  const out: ParsedKey[] = [];
  for (const raw of lines.flatMap((l) => l.split(/\r?\n/))) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const candidates = [line];
    const m = /((?:ssh|ecdsa|sk)-[A-Za-z0-9@.-]+\s+[A-Za-z0-9+/=]+.*)$/.exec(line);
    if (m && m[1] !== line) candidates.push(m[1]!);
    for (const c of candidates) {
      const k = utils.parseKey(c);
      if (!(k instanceof Error) && !Array.isArray(k)) {
        out.push(k);
        break;
      }
    }
  }
  return out;
}

function keyFingerprint(publicKey: string): string {
  const k = utils.parseKey(publicKey);
  if (k instanceof Error || Array.isArray(k)) throw new Error(`could not parse generated host key: ${String(k)}`);
  return sshFingerprint(k.getPublicSSH());
}

function signalNumber(sig: NodeJS.Signals): number {
  return (osConstants.signals as Record<string, number | undefined>)[sig] ?? 9;
}

export async function startSandboxSshHost(opts: StartSandboxSshHostOptions): Promise<SandboxSshHost> {
  const rootDir = path.resolve(opts.rootDir);
  const listenHost = opts.listenHost ?? "127.0.0.1";
  await mkdir(rootDir, { recursive: true });
  const machines = new Map<string, Machine>();
  /** Ids being added (reserved so a concurrent add of the same id fails). */
  const adding = new Set<string>();
  let closed = false;

  // Jobs run under setsid and would outlive this process (a test worker, the dev server): kill them
  // when it exits. Synchronous /proc scan only, as exit hooks cannot wait.
  const onExit = () => {
    for (const m of machines.values()) {
      for (const c of m.children) killProcessGroup(c.pid);
      killMachineProcesses(m.emulator.stateDir);
    }
  };
  process.once("exit", onExit);

  const endpointOf = (m: Machine): SshMachineEndpoint => ({
    host: "127.0.0.1",
    port: m.port,
    username: m.username,
    hostKeyFingerprint: m.hostKeyFingerprint,
  });

  const must = (id: string): Machine => {
    const m = machines.get(id);
    if (!m) throw new Error(`no sandbox machine ${JSON.stringify(id)}`);
    return m;
  };

  const enqueue = <T>(m: Machine, fn: () => Promise<T>): Promise<T> => {
    const p = m.queue.then(fn, fn);
    m.queue = p.catch(() => undefined);
    return p;
  };

  /** Session env: the emulator's (PATH with its tools first, HOME, state dir, fake proc status) and the
   *  usual login variables. Not this process's env: the dashboard's secrets must not leak into "machines". */
  const sessionEnv = (m: Machine, conn: { ip: string; port: number }): Record<string, string> => ({
    ...m.emulator.env,
    USER: m.username,
    LOGNAME: m.username,
    SHELL: "/bin/bash",
    LANG: "C.UTF-8",
    SSH_CONNECTION: `${conn.ip} ${conn.port} 127.0.0.1 ${m.port}`,
    DUMONT_SANDBOX_MACHINE: m.instanceId,
  });

  function runCommand(
    m: Machine,
    session: Session,
    ch: ServerChannel,
    command: string,
    peer: { ip: string; port: number },
  ) {
    ch.on("error", () => undefined);
    const child = spawn("/bin/bash", ["-c", command], {
      cwd: m.emulator.homeDir,
      env: sessionEnv(m, peer) as NodeJS.ProcessEnv, // Next's typing makes NODE_ENV required
      // Own process group (setsid): a channel close or disconnect kills the whole group, like sshd
      // hanging up the session; `timeout` inside the agent's command keeps working (it kills its group).
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    m.children.add(child);
    let finished = false;
    let channelClosed = false;

    child.stdin.on("error", () => undefined); // EPIPE when the command does not read its stdin
    ch.on("data", (d: Buffer) => {
      if (!child.stdin.destroyed && child.stdin.writable) child.stdin.write(d);
    });
    ch.on("end", () => child.stdin.end());
    child.stdout.on("data", (d: Buffer) => {
      if (!channelClosed) ch.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      if (!channelClosed) ch.stderr.write(d);
    });

    // The client's `signal` request (the agent sends KILL on its timeout) goes to the whole group.
    session.on("signal", (accept, _reject, info) => {
      accept?.();
      if (!finished) killProcessGroup(child.pid, `SIG${info.name}` as NodeJS.Signals);
    });

    child.on("error", (e) => {
      if (finished) return;
      finished = true;
      m.children.delete(child);
      if (channelClosed) return;
      ch.stderr.write(`bash: ${e.message}\n`);
      ch.exit(127);
      ch.end();
    });
    // "close" (not "exit"): all output has been forwarded by then.
    child.on("close", (code, signal) => {
      if (finished) return;
      finished = true;
      m.children.delete(child);
      if (channelClosed) return;
      try {
        if (signal) {
          try {
            ch.exit(signal, false, "");
          } catch {
            ch.exit(128 + signalNumber(signal)); // a signal SSH has no name for
          }
        } else ch.exit(code ?? 0);
        ch.end();
      } catch {
        /* the channel went away meanwhile */
      }
    });
    const onGone = () => {
      channelClosed = true;
      // Closed before the command finished (agent timeout, client gone): kill it, as sshd does on hangup.
      if (!finished) killProcessGroup(child.pid);
    };
    ch.on("close", onGone);
    session.on("close", onGone);
  }

  function onConnection(m: Machine, conn: Connection, info: { ip: string; port: number }) {
    m.conns.add(conn);
    const sessions = new Set<() => void>();
    conn.on("error", () => undefined); // resets, handshake failures: the client sees them, not us
    conn.on("close", () => {
      m.conns.delete(conn);
      for (const kill of sessions) kill();
    });
    conn.on("authentication", (ctx) => {
      // Public keys only, and only the machine's user, as a cloud image with PasswordAuthentication no.
      if (ctx.method !== "publickey" || ctx.username !== m.username) return ctx.reject(["publickey"]);
      // The blob starts with the key type, so an equal blob is the same type and the same key.
      const key = m.keys.find((k) => k.getPublicSSH().equals(ctx.key.data));
      if (!key) return ctx.reject(["publickey"]);
      // Without a signature the client only asks whether the key would do (ssh2 answers PK_OK);
      // with one, it must be valid for this session (ssh2's server example).
      if (ctx.signature && (!ctx.blob || key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true))
        return ctx.reject(["publickey"]);
      ctx.accept();
    });
    conn.on("ready", () => {
      conn.on("session", (acceptSession) => {
        const session = acceptSession();
        session.on("pty", (accept) => accept?.()); // so `ssh -t host` reaches the polite refusal below
        session.on("env", (accept) => accept?.()); // accepted and ignored (SendEnv LANG …)
        session.once("exec", (accept, _reject, exec) => {
          const ch = accept();
          const kill = () => ch.close();
          sessions.add(kill);
          ch.on("close", () => sessions.delete(kill));
          runCommand(m, session, ch, exec.command, info);
        });
        session.once("shell", (accept) => {
          const ch = accept();
          ch.on("error", () => undefined);
          ch.stderr.write(`${SHELL_REFUSED_MESSAGE}\r\n`);
          ch.exit(1);
          ch.end();
        });
      });
    });
  }

  async function listen(m: Machine, port: number): Promise<number> {
    const server = new Server({ hostKeys: [m.hostKey], ident: "OpenSSH_9.6p1 DumontSandbox" }, (conn, info) =>
      onConnection(m, conn, info),
    );
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) =>
        reject(
          new Error(`sandbox SSH for ${m.instanceId} cannot listen on ${listenHost}:${port}: ${e.message}`, {
            cause: e,
          }),
        );
      server.once("error", onError);
      server.listen(port, listenHost, () => {
        server.off("error", onError);
        resolve();
      });
    });
    server.on("error", () => undefined);
    m.server = server;
    const addr = server.address();
    return typeof addr === "object" && addr ? addr.port : port;
  }

  async function stop(m: Machine): Promise<void> {
    const server = m.server;
    m.server = null;
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open connections keep close() waiting: cut them (a powered-off VM drops its TCP sessions).
        for (const c of m.conns) c.end();
        setTimeout(() => {
          for (const c of m.conns) (c as unknown as { _sock?: { destroy(): void } })._sock?.destroy();
        }, 200).unref();
      });
    m.conns.clear();
    for (const c of m.children) killProcessGroup(c.pid);
    m.children.clear();
    // Registered jobs first (this also forgets their runtime state), then anything else of the machine.
    await m.emulator.stopJobs().catch(() => undefined);
    killMachineProcesses(m.emulator.stateDir);
  }

  const host: SandboxSshHost = {
    rootDir,

    async addMachine(o) {
      if (closed) throw new Error("sandbox SSH host is closed");
      const id = o.instanceId;
      if (!id) throw new Error("instanceId is required");
      if (machines.has(id) || adding.has(id)) throw new Error(`sandbox machine ${JSON.stringify(id)} already exists`);
      const profile = o.profile ?? profileFor(o.provider);
      if (!GPU_PROFILES.includes(profile)) throw new Error(`unknown GPU emulator profile: ${String(profile)}`);
      adding.add(id);
      const dir = path.join(/*turbopackIgnore: true*/ rootDir, safeDirName(id));
      let m: Machine | null = null;
      try {
        if ([...machines.values()].some((x) => x.dir === dir))
          throw new Error(`sandbox machine folder ${dir} is already used by another id`);
        await rm(dir, { recursive: true, force: true }); // a leftover of an earlier run is not this machine's disk
        const emulator = await installGpuEmulator(dir, profile, {
          gpuCount: o.gpu?.count,
          gpuName: o.gpu?.name,
          gpuMemoryMiB: o.gpu?.memoryMiB,
          timeScale: o.timeScale,
        });
        const pair = utils.generateKeyPairSync("ed25519");
        const sshDir = path.join(dir, "ssh");
        await mkdir(sshDir, { recursive: true });
        // On disk so that a stopped machine's identity is visible and survives with its folder.
        await writeFile(path.join(sshDir, "ssh_host_ed25519_key"), pair.private, { mode: 0o600 });
        await writeFile(path.join(sshDir, "ssh_host_ed25519_key.pub"), `${pair.public}\n`);
        await writeFile(path.join(sshDir, "authorized_keys"), o.authorizedKeys.map((k) => `${k.trim()}\n`).join(""));
        m = {
          instanceId: id,
          provider: o.provider,
          profile,
          username: o.username ?? sshUsernameFor(o.provider),
          dir,
          emulator,
          hostKey: pair.private,
          hostKeyFingerprint: keyFingerprint(pair.public),
          port: 0,
          keys: parseAuthorizedKeys(o.authorizedKeys),
          server: null,
          conns: new Set(),
          children: new Set(),
          jobPids: [],
          queue: Promise.resolve(),
          removed: false,
        };
        const gpuCount = Math.max(1, o.gpu?.count ?? 1);
        const memMiB = o.gpu?.memoryMiB ?? 81559;
        for (const j of o.jobs ?? DEFAULT_JOBS) {
          // Keep the default jobs inside a small GPU (a 24 GB RTX 4090 cannot hold 30 GB).
          const fit = o.jobs ? j.memMiB : Math.min(j.memMiB, Math.floor(memMiB * (j.memMiB >= 16_384 ? 0.6 : 0.2)));
          m.jobPids.push(
            await emulator.startJob({ name: j.name, memMiB: fit, gpu: Math.min(j.gpu ?? 0, gpuCount - 1) }),
          );
        }
        m.port = await listen(m, 0);
        machines.set(id, m);
        return endpointOf(m);
      } catch (e) {
        if (m) await stop(m).catch(() => undefined);
        await rm(dir, { recursive: true, force: true }).catch(() => undefined);
        throw e;
      } finally {
        adding.delete(id);
      }
    },

    stopMachine(id) {
      const m = must(id);
      return enqueue(m, () => stop(m));
    },

    startMachine(id) {
      const m = must(id);
      return enqueue(m, async () => {
        if (m.removed) throw new Error(`sandbox machine ${JSON.stringify(id)} was removed`);
        if (!m.server) await listen(m, m.port);
        return endpointOf(m);
      });
    },

    async removeMachine(id) {
      const m = machines.get(id);
      if (!m) return;
      await enqueue(m, async () => {
        m.removed = true;
        await stop(m);
        await rm(m.dir, { recursive: true, force: true });
        machines.delete(id);
      });
    },

    setAuthorizedKeys(id, keys) {
      const m = must(id);
      m.keys = parseAuthorizedKeys(keys);
      void writeFile(path.join(m.dir, "ssh", "authorized_keys"), keys.map((k) => `${k.trim()}\n`).join("")).catch(
        () => undefined,
      );
    },

    get(id) {
      const m = machines.get(id);
      return (
        m && {
          instanceId: m.instanceId,
          provider: m.provider,
          profile: m.profile,
          dir: m.dir,
          running: !!m.server,
          endpoint: endpointOf(m),
          emulator: m.emulator,
          jobPids: [...m.jobPids],
        }
      );
    },

    list() {
      return [...machines.keys()].map((id) => host.get(id)!);
    },

    async closeAll() {
      closed = true;
      await Promise.all([...machines.values()].map((m) => enqueue(m, () => stop(m)).catch(() => undefined)));
      process.off("exit", onExit);
    },
  };
  return host;
}
