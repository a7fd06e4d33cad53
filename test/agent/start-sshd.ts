/**
 * Starts a REAL, unprivileged-config OpenSSH sshd on a loopback port for tests and the bench:
 * temp dir, its own host key and client keys (ssh-keygen), its own sshd_config. Works whether the
 * test runs as root or as a normal user. Per-client environment (e.g. the GPU emulator's PATH)
 * goes through the authorized_keys `environment=` option with PermitUserEnvironment yes.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, appendFileSync, writeFileSync, existsSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

import type { MachineTarget } from "@/lib/agent/pool";
import { ensureSshd } from "./ensure-sshd";

export interface StartSshdOptions {
  /** Environment for sessions of the first client key. */
  env?: Record<string, string>;
  /** Parent of the temp dir (default os.tmpdir()). */
  parentDir?: string;
  /** sshd MaxStartups / MaxSessions (raise them for many parallel connections). */
  maxStartups?: number;
  maxSessions?: number;
}

export interface SshClientKey {
  privateKey: string;
  privateKeyPath: string;
  publicKey: string;
}

export interface SshdHandle {
  host: string;
  port: number;
  username: string;
  dir: string;
  /** PID of the listening sshd. */
  readonly pid: number;
  hostKeyPath: string;
  /** "SHA256:..." of the current host key. */
  readonly hostFingerprint: string;
  /** The first client key (its sessions get `env`). */
  client: SshClientKey;
  /** Adds another client key with its own session environment (takes effect at once). */
  addClient(env?: Record<string, string>): SshClientKey;
  /** A pool target for a machine id, using `client` (default: the first key). */
  target(id: string, client?: SshClientKey): MachineTarget;
  /** SIGKILLs the per-connection sshd processes: every open connection is cut. Returns how many. */
  killSessions(): number;
  /** Restarts sshd on the same port, optionally with a freshly generated host key. */
  restart(opts?: { newHostKey?: boolean }): Promise<void>;
  /** Stops sshd (and its session processes) and removes the temp dir. */
  stop(): Promise<void>;
  /** sshd's log so far. */
  log(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("data", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Children of a PID, from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(st.slice(st.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      /* raced with exit */
    }
  }
  return out;
}

function descendantsOf(pid: number): number[] {
  const all: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const p = queue.shift()!;
    for (const c of childrenOf(p)) {
      all.push(c);
      queue.push(c);
    }
  }
  return all;
}

function kill(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

function envOption(env: Record<string, string> | undefined): string {
  if (!env) return "";
  const parts = Object.entries(env).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || /["\n\\]/.test(v)) throw new Error(`unsupported environment entry ${k}`);
    return `environment="${k}=${v}"`;
  });
  return parts.length ? `${parts.join(",")} ` : "";
}

export async function startSshd(opts: StartSshdOptions = {}): Promise<SshdHandle> {
  const bins = ensureSshd();
  const dir = mkdtempSync(path.join(opts.parentDir ?? tmpdir(), "dumont-sshd-"));
  const hostKeyPath = path.join(dir, "ssh_host_ed25519_key");
  const authorizedKeys = path.join(dir, "authorized_keys");
  const configPath = path.join(dir, "sshd_config");
  const logPath = path.join(dir, "sshd.log");
  const username = userInfo().username;
  const port = await freePort();
  let clientCount = 0;

  const keygen = (file: string, comment: string) => {
    rmSync(file, { force: true });
    rmSync(`${file}.pub`, { force: true });
    execFileSync(bins.sshKeygen, ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file], { stdio: "ignore" });
  };
  const fingerprint = () => {
    const out = execFileSync(bins.sshKeygen, ["-l", "-E", "sha256", "-f", `${hostKeyPath}.pub`], { encoding: "utf8" });
    const m = /(SHA256:\S+)/.exec(out);
    if (!m) throw new Error(`ssh-keygen -l printed ${out}`);
    return m[1]!;
  };

  keygen(hostKeyPath, "dumont-test-host");
  writeFileSync(authorizedKeys, "");
  writeFileSync(
    configPath,
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${hostKeyPath}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      "StrictModes no",
      "UsePAM no",
      "PermitRootLogin prohibit-password",
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitUserEnvironment yes",
      "UseDNS no",
      "PrintMotd no",
      "X11Forwarding no",
      "AllowTcpForwarding no",
      `MaxStartups ${opts.maxStartups ?? 256}`,
      `MaxSessions ${opts.maxSessions ?? 64}`,
      "ClientAliveInterval 0",
      "LogLevel INFO",
      "",
    ].join("\n"),
  );

  const addClient = (env?: Record<string, string>): SshClientKey => {
    const file = path.join(dir, `client_${clientCount++}_ed25519`);
    keygen(file, `dumont-test-client-${clientCount}`);
    const publicKey = readFileSync(`${file}.pub`, "utf8").trim();
    appendFileSync(authorizedKeys, `${envOption(env)}${publicKey}\n`);
    return { privateKey: readFileSync(file, "utf8"), privateKeyPath: file, publicKey };
  };
  const client = addClient(opts.env);

  let child: ChildProcess | null = null;
  let hostFp = fingerprint();

  const launch = async () => {
    // Validate the config first so a mistake surfaces as a clear error.
    execFileSync(bins.sshd, ["-t", "-f", configPath], { stdio: "pipe" });
    const c = spawn(bins.sshd, ["-D", "-f", configPath, "-E", logPath], { stdio: "ignore" });
    child = c;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (c.exitCode !== null) break;
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    throw new Error(`sshd did not start on 127.0.0.1:${port}: ${log.slice(-2000)}`);
  };

  const shutdown = async () => {
    const c = child;
    if (!c || c.pid === undefined) return;
    const pid = c.pid;
    const tree = descendantsOf(pid);
    kill(pid, "SIGTERM");
    for (const p of tree) kill(p, "SIGKILL");
    if (c.exitCode === null && c.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          kill(pid, "SIGKILL");
          resolve();
        }, 2000);
        c.once("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    child = null;
  };

  await launch();

  return {
    host: "127.0.0.1",
    port,
    username,
    dir,
    get pid() {
      return child?.pid ?? -1;
    },
    hostKeyPath,
    get hostFingerprint() {
      return hostFp;
    },
    client,
    addClient,
    target(id, c = client) {
      return { id, host: "127.0.0.1", port, username, privateKey: c.privateKey };
    },
    killSessions() {
      const pid = child?.pid;
      if (pid === undefined) return 0;
      // Every sshd process under the listener (monitor and the user's connection process), not the
      // commands they run: like a network cut, the remote command is left to itself.
      const conns = descendantsOf(pid).filter((p) => {
        try {
          return readFileSync(`/proc/${p}/comm`, "utf8").trim().startsWith("sshd");
        } catch {
          return false;
        }
      });
      for (const k of conns) kill(k, "SIGKILL");
      return conns.length;
    },
    async restart(o = {}) {
      await shutdown();
      if (o.newHostKey) {
        keygen(hostKeyPath, "dumont-test-host-new");
        hostFp = fingerprint();
      }
      await launch();
    },
    async stop() {
      await shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      return existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    },
  };
}
