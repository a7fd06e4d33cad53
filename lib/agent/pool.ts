/**
 * SSH connection pool: one ssh2 connection per machine id, keep-alive, reconnect on drop,
 * host keys pinned on first contact, a wall-clock timeout on every command.
 */
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";

import {
  AgentError,
  CommandTimeoutError,
  ConnectionLostError,
  HostKeyChangedError,
  SshAuthError,
  SshConnectError,
} from "./errors";
import { sshFingerprint, type HostKeyStore } from "./host-keys";
import { remoteCommand, validateId, wrapScript, type ScriptArg } from "./shell";

export interface MachineTarget {
  /** Our machine id: the pool key and the host-key pin key. */
  id: string;
  host: string;
  port?: number;
  username: string;
  privateKey: string | Buffer;
  passphrase?: string;
}

export interface AgentPoolOptions {
  hostKeys: HostKeyStore;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** SSH handshake timeout. */
  readyTimeoutMs?: number;
  /** Default per-command timeout. */
  defaultTimeoutMs?: number;
  /** Channels open at once on one connection (OpenSSH MaxSessions defaults to 10). */
  maxChannelsPerConnection?: number;
  /** Connection attempts for transient failures (refused, reset, handshake timeout). */
  connectAttempts?: number;
}

export interface ExecOptions {
  timeoutMs?: number;
  /** Called with each complete stdout line as it arrives. */
  onStdoutLine?: (line: string) => void;
  /** Safe to run again if the connection drops mid-command (read-only scripts). */
  idempotent?: boolean;
  /** Name used in errors, e.g. "probe". */
  what?: string;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
}

interface Conn {
  client: Client;
  ready: Promise<void>;
  open: boolean;
  channels: number;
  waiters: Array<() => void>;
  /** Fires with the reason when the connection goes away. */
  onDrop: Set<(err: Error) => void>;
}

const TRANSIENT =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|Timed out while waiting for handshake|Connection lost before handshake|socket hang up/i;

export class AgentPool {
  private readonly conns = new Map<string, Conn>();
  private readonly opts: Required<AgentPoolOptions>;
  private closed = false;

  constructor(opts: AgentPoolOptions) {
    this.opts = {
      keepaliveIntervalMs: 10_000,
      keepaliveCountMax: 3,
      readyTimeoutMs: 15_000,
      defaultTimeoutMs: 60_000,
      maxChannelsPerConnection: 8,
      connectAttempts: 3,
      ...opts,
    };
  }

  /** Machine ids with an open connection. */
  connectedIds(): string[] {
    return [...this.conns.entries()].filter(([, c]) => c.open).map(([id]) => id);
  }

  /** Opens (or reuses) the connection to a machine. */
  async connect(target: MachineTarget): Promise<void> {
    await this.getConn(target);
  }

  /**
   * Runs a fixed script with validated positional arguments: `bash -s -- args` with the script
   * on stdin. Resolves with exit status and output whatever the status; rejects only with
   * AgentError subclasses (connect/auth/host key/timeout/connection lost).
   */
  async exec(
    target: MachineTarget,
    script: string,
    args: readonly ScriptArg[] = [],
    opts: ExecOptions = {},
  ): Promise<ExecResult> {
    const timeoutMs = opts.timeoutMs ?? this.opts.defaultTimeoutMs;
    const command = remoteCommand(args, timeoutMs / 1000 + 1);
    const input = wrapScript(script);
    let attempt = 0;
    for (;;) {
      attempt++;
      const conn = await this.getConn(target);
      let started = false;
      try {
        return await this.run(target, conn, command, input, timeoutMs, opts, () => {
          started = true;
        });
      } catch (e) {
        // A dropped connection: reconnect and retry once if the command never started or is read-only.
        if (e instanceof ConnectionLostError && attempt < 2 && (!started || opts.idempotent)) continue;
        throw e;
      }
    }
  }

  /** Closes one machine's connection. */
  close(machineId: string): void {
    const c = this.conns.get(machineId);
    if (!c) return;
    this.conns.delete(machineId);
    c.open = false;
    c.client.end();
  }

  closeAll(): void {
    this.closed = true;
    for (const id of [...this.conns.keys()]) this.close(id);
  }

  // ---------- internals ----------

  private async getConn(target: MachineTarget): Promise<Conn> {
    if (this.closed) throw new AgentError("connect_failed", "agent pool is closed", target.id);
    validateId(target.id, "machine id");
    const existing = this.conns.get(target.id);
    if (existing) {
      try {
        await existing.ready;
        if (existing.open) return existing;
      } catch {
        /* fall through to a fresh connection */
      }
    }
    let lastErr: unknown;
    for (let i = 0; i < this.opts.connectAttempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200 * 2 ** (i - 1)));
      const conn = this.openConn(target);
      this.conns.set(target.id, conn);
      try {
        await conn.ready;
        return conn;
      } catch (e) {
        if (this.conns.get(target.id) === conn) this.conns.delete(target.id);
        lastErr = e;
        if (!(e instanceof SshConnectError) || !TRANSIENT.test(e.message)) throw e;
      }
    }
    throw lastErr;
  }

  private openConn(target: MachineTarget): Conn {
    const client = new Client();
    let hostKeyMismatch: HostKeyChangedError | null = null;
    let hostKeyStoreError: unknown = null;
    const conn: Conn = { client, ready: Promise.resolve(), open: false, channels: 0, waiters: [], onDrop: new Set() };

    const hostVerifier = (key: Buffer, verify: (ok: boolean) => void): void => {
      const fp = sshFingerprint(key);
      Promise.resolve(this.opts.hostKeys.get(target.id))
        .then(async (pinned) => {
          if (!pinned) {
            await this.opts.hostKeys.pin(target.id, fp);
            verify(true);
          } else if (pinned === fp) {
            verify(true);
          } else {
            hostKeyMismatch = new HostKeyChangedError(target.id, pinned, fp);
            verify(false);
          }
        })
        .catch((e) => {
          hostKeyStoreError = e;
          verify(false);
        });
    };

    conn.ready = new Promise<void>((resolve, reject) => {
      let settled = false;
      const drop = (err: Error) => {
        const wasOpen = conn.open;
        conn.open = false;
        if (this.conns.get(target.id) === conn) this.conns.delete(target.id);
        if (!settled) {
          settled = true;
          if (hostKeyMismatch) reject(hostKeyMismatch);
          else if (hostKeyStoreError)
            reject(
              new SshConnectError(target.id, `host key store failed: ${String(hostKeyStoreError)}`, {
                cause: hostKeyStoreError,
              }),
            );
          else if (/authentication methods failed/i.test(err.message))
            reject(
              new SshAuthError(target.id, `SSH authentication failed for ${target.username}@${target.host}`, {
                cause: err,
              }),
            );
          else
            reject(
              new SshConnectError(
                target.id,
                `SSH connection to ${target.host}:${target.port ?? 22} failed: ${err.message}`,
                { cause: err },
              ),
            );
        }
        if (wasOpen || conn.onDrop.size) {
          for (const fn of [...conn.onDrop]) fn(err);
          conn.onDrop.clear();
        }
        for (const w of conn.waiters.splice(0)) w();
      };
      client.on("ready", () => {
        conn.open = true;
        settled = true;
        resolve();
      });
      client.on("error", (err: Error) => drop(err));
      client.on("close", () => drop(new Error("connection closed")));
      client.on("end", () => drop(new Error("connection ended")));
      const cfg: ConnectConfig = {
        host: target.host,
        port: target.port ?? 22,
        username: target.username,
        privateKey: target.privateKey,
        passphrase: target.passphrase,
        keepaliveInterval: this.opts.keepaliveIntervalMs,
        keepaliveCountMax: this.opts.keepaliveCountMax,
        readyTimeout: this.opts.readyTimeoutMs,
        hostVerifier,
      };
      try {
        client.connect(cfg);
      } catch (e) {
        drop(e instanceof Error ? e : new Error(String(e)));
      }
    });
    conn.ready.catch(() => undefined);
    return conn;
  }

  private async acquire(conn: Conn): Promise<void> {
    while (conn.open && conn.channels >= this.opts.maxChannelsPerConnection) {
      await new Promise<void>((r) => conn.waiters.push(r));
    }
    conn.channels++;
  }

  private release(conn: Conn): void {
    conn.channels--;
    conn.waiters.shift()?.();
  }

  private async run(
    target: MachineTarget,
    conn: Conn,
    command: string,
    input: string,
    timeoutMs: number,
    opts: ExecOptions,
    markStarted: () => void,
  ): Promise<ExecResult> {
    await this.acquire(conn);
    const what = opts.what ?? "command";
    const t0 = performance.now();
    return new Promise<ExecResult>((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      let lineBuf = "";
      let exitCode: number | null = null;
      let signal: string | null = null;
      let channel: ClientChannel | null = null;
      let done = false;
      const finish = (err: Error | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        conn.onDrop.delete(onDrop);
        this.release(conn);
        if (lineBuf && opts.onStdoutLine && !err) opts.onStdoutLine(lineBuf);
        if (err) reject(err);
        else resolve({ stdout, stderr, exitCode, signal, durationMs: performance.now() - t0 });
      };
      const onDrop = (e: Error) =>
        finish(
          new ConnectionLostError(target.id, `connection to ${target.id} lost during ${what}: ${e.message}`, {
            cause: e,
          }),
        );
      if (!conn.open) return onDrop(new Error("connection closed"));
      conn.onDrop.add(onDrop);
      const timer = setTimeout(() => {
        if (channel) {
          try {
            channel.signal("KILL");
          } catch {
            /* best effort; the remote `timeout` wrapper kills the process group anyway */
          }
          channel.close();
        }
        finish(new CommandTimeoutError(target.id, timeoutMs, what, stdout.slice(0, 2000)));
      }, timeoutMs);
      conn.client.exec(command, (err, ch) => {
        if (err) {
          const lost = !conn.open || /not connected|No response from server/i.test(err.message);
          return finish(
            lost
              ? new ConnectionLostError(target.id, `could not open a channel on ${target.id}: ${err.message}`, {
                  cause: err,
                })
              : new AgentError("remote_error", `could not start ${what} on ${target.id}: ${err.message}`, target.id, {
                  cause: err,
                }),
          );
        }
        channel = ch;
        markStarted();
        if (done) {
          ch.close();
          return;
        }
        ch.on("data", (d: Buffer) => {
          const s = d.toString("utf8");
          stdout += s;
          if (opts.onStdoutLine) {
            lineBuf += s;
            let i: number;
            while ((i = lineBuf.indexOf("\n")) >= 0) {
              const line = lineBuf.slice(0, i);
              lineBuf = lineBuf.slice(i + 1);
              opts.onStdoutLine(line);
            }
          }
        });
        ch.stderr.on("data", (d: Buffer) => {
          stderr += d.toString("utf8");
        });
        ch.on("exit", (code: number | null, sig?: string) => {
          exitCode = typeof code === "number" ? code : null;
          signal = sig ?? null;
        });
        ch.on("close", () => {
          // sshd always reports an exit status or signal; a channel that closes without one was
          // cut (the connection or the server's session process died).
          setImmediate(() => {
            if (exitCode === null && signal === null)
              onDrop(new Error(conn.open ? "channel closed without exit status" : "connection closed"));
            else finish(null);
          });
        });
        ch.on("error", (e: Error) => onDrop(e));
        ch.end(input);
      });
    });
  }
}
