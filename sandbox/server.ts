// One node:http server speaking all five provider APIs, each under its own prefix, with injected
// faults in front of them and a small control API under /_sandbox.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ProviderSlug } from "@/lib/providers/types";
import { SANDBOX_API_PATHS } from "@/lib/providers/shared/sandbox-paths";
import { FaultController, normalizeFaults } from "./faults";
import { readBody, type ApiContext, type ProviderEmulator } from "./http";
import { hostkeyEmulator } from "./providers/hostkey";
import { lambdaEmulator } from "./providers/lambda";
import { runpodEmulator } from "./providers/runpod";
import { tensordockEmulator } from "./providers/tensordock";
import { vastEmulator } from "./providers/vastai";
import { SandboxStore } from "./store";
import type { ChargeLine, Faults, QueuedFault, SandboxLimits, SandboxOptions, SandboxSnapshot } from "./types";

const EMULATORS: Record<ProviderSlug, ProviderEmulator> = {
  tensordock: tensordockEmulator,
  vastai: vastEmulator,
  runpod: runpodEmulator,
  lambda: lambdaEmulator,
  hostkey: hostkeyEmulator,
};

export { SANDBOX_API_PATHS };

export const DEFAULT_LIMITS: SandboxLimits = {
  tensordockPerMinute: 100,
  lambdaLaunchIntervalMs: 12_000,
  vastCreateIntervalMs: 4_500,
};

export interface Sandbox {
  url: string;
  port: number;
  /** Base URL per provider, for AdapterOptions.baseUrl. */
  baseUrls: Record<ProviderSlug, string>;
  /** DUMONT_<PROVIDER>_API_URL values pointing at this sandbox. */
  env: Record<string, string>;
  close(): Promise<void>;
  /** Merges fault settings; `queue` adds one-shot faults ("429", "error", "timeout", "lost", "reset"). */
  setFaults(update: Partial<Faults> | Record<string, number> | string, queue?: QueuedFault[]): void;
  faults(): Faults & { queue: QueuedFault[] };
  setLimits(update: Partial<SandboxLimits>): void;
  state(): SandboxSnapshot;
  charges(): { instances: ChargeLine[]; totalMicros: number };
  /** Drops all instances, keys and sessions, and restores the starting faults. */
  reset(): void;
  /** Invalidates every HOSTKEY session token (to exercise re-login). */
  expireSessions(): void;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const startFaults = normalizeFaults(opts.faults);
  const faults = new FaultController(startFaults);
  const limits: SandboxLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const store = new SandboxStore(faults, opts.onDestroyed, opts.onPhase);
  if (opts.initialState) store.restore(opts.initialState);
  const sshEndpointFor = opts.sshEndpointFor ?? (() => ({ host: "127.0.0.1", port: 22 }));
  // Requests held open by the timeout fault, released on close.
  const hanging = new Set<ServerResponse>();

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: unknown) {
    const json = (status: number, b: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(b));
    };
    if (path === "/_sandbox/faults" && req.method === "POST") {
      const b = (body ?? {}) as Record<string, unknown>;
      const queue = Array.isArray(b.queue) ? (b.queue as QueuedFault[]) : undefined;
      faults.set(normalizeFaults(b), queue);
      return json(200, { ...faults.faults, queue: faults.pending() });
    }
    if (path === "/_sandbox/faults") return json(200, { ...faults.faults, queue: faults.pending() });
    if (path === "/_sandbox/reset" && req.method === "POST") {
      store.reset();
      faults.reset(startFaults);
      return json(200, { ok: true });
    }
    if (path === "/_sandbox/charges") return json(200, store.charges());
    if (path === "/_sandbox/state") return json(200, store.snapshot());
    return json(404, { error: `unknown sandbox route ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`sandbox error: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const { body } = await readBody(req);
    if (url.pathname.startsWith("/_sandbox/")) return control(req, res, url.pathname, body);

    const [, slug, ...rest] = url.pathname.split("/");
    const emulator = EMULATORS[slug as ProviderSlug];
    if (!emulator) {
      res.writeHead(404, { "content-type": "text/plain" });
      return void res.end(`no provider at /${slug ?? ""}`);
    }
    const path = `/${rest.join("/")}`;
    const method = req.method ?? "GET";
    const isCreate = emulator.isCreate(method, path, body);
    const queuedBefore = faults.pending().length;
    const fault = faults.pick(isCreate);
    const fromQueue = faults.pending().length < queuedBefore;

    const ctx: ApiContext = {
      req,
      res,
      method,
      path,
      query: url.searchParams,
      body,
      store,
      faults,
      limits,
      sshEndpoint: async (i) => sshEndpointFor(i),
      send(status, b, headers) {
        if (!res.getHeader("content-type")) res.setHeader("content-type", "application/json");
        res.writeHead(status, headers);
        res.end(JSON.stringify(b));
      },
      sendText(status, text, headers) {
        res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
        res.end(text);
      },
    };

    if (fault === "timeout") {
      // Never answer: the client's own timeout must fire. Released when the client gives up.
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (fault === "error" || fault === "429") return emulator.fault(fault, ctx, faults.faults.retryAfterS);
    if (fault === "lost" || fault === "reset") {
      // Let the create take effect, then lose its reply.
      const real = { send: ctx.send, sendText: ctx.sendText };
      const lose = (status: number, fallback: () => void) => {
        if (status >= 400) {
          // Refused (bad token, no capacity...): nothing was created, so nothing to lose yet.
          if (fromQueue) faults.requeue(fault);
          return fallback();
        }
        if (fault === "reset") return void req.socket.destroy();
        res.writeHead(502, { "content-type": "text/html" });
        res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
      };
      ctx.send = (s, b, h) => lose(s, () => real.send(s, b, h));
      ctx.sendText = (s, t, h) => lose(s, () => real.sendText(s, t, h));
    }
    await emulator.handle(ctx);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? "127.0.0.1";
  const url = `http://${host}:${port}`;
  const baseUrls = Object.fromEntries(Object.entries(SANDBOX_API_PATHS).map(([p, path]) => [p, url + path])) as Record<
    ProviderSlug,
    string
  >;

  return {
    url,
    port,
    baseUrls,
    env: Object.fromEntries(Object.entries(baseUrls).map(([p, u]) => [`DUMONT_${p.toUpperCase()}_API_URL`, u])),
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    setFaults: (update, queue) => faults.set(normalizeFaults(update as Record<string, unknown>), queue),
    faults: () => ({ ...faults.faults, queue: faults.pending() }),
    setLimits: (update) => Object.assign(limits, update),
    state: () => store.snapshot(),
    charges: () => store.charges(),
    reset: () => {
      store.reset();
      faults.reset(startFaults);
    },
    expireSessions: () => store.tokens.clear(),
  };
}
