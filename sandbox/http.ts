// Plumbing for the emulated APIs: the per-request context, body parsing and the emulator contract.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { ProviderSlug } from "@/lib/providers/types";
import type { FaultController } from "./faults";
import type { SandboxStore } from "./store";
import type { SandboxInstanceInfo, SandboxLimits } from "./types";

export interface ApiContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path below the provider prefix, without the query ("/api/v2/instances"). */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON, or the fields of a form body; undefined when absent or unparseable. */
  body: unknown;
  store: SandboxStore;
  faults: FaultController;
  limits: SandboxLimits;
  sshEndpoint(info: SandboxInstanceInfo): Promise<{ host: string; port: number }>;
  send(status: number, body: unknown, headers?: Record<string, string>): void;
  sendText(status: number, text: string, headers?: Record<string, string>): void;
}

export interface ProviderEmulator {
  provider: ProviderSlug;
  /** Whether the request orders an instance (the target of "lost"/"reset" faults). */
  isCreate(method: string, path: string, body: unknown): boolean;
  /** Sends an injected 5xx or 429 in the provider's own shape. */
  fault(kind: "error" | "429", ctx: ApiContext, retryAfterS: number): void;
  handle(ctx: ApiContext): Promise<void>;
}

export async function readBody(req: IncomingMessage): Promise<{ raw: string; body: unknown }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return { raw, body: undefined };
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/x-www-form-urlencoded"))
    return { raw, body: Object.fromEntries(new URLSearchParams(raw)) };
  try {
    return { raw, body: JSON.parse(raw) };
  } catch {
    return { raw, body: undefined };
  }
}

/** The sandbox accepts any non-empty key, except ones starting with "bad". */
export function keyAccepted(key: string | null | undefined): key is string {
  return !!key && key.trim() !== "" && !key.startsWith("bad");
}

export function bearer(ctx: ApiContext): string | null {
  const h = ctx.req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h);
  if (m) return m[1]!.trim();
  // Lambda also allows HTTP Basic with the key as the user name.
  const b = /^Basic\s+(.+)$/i.exec(h);
  if (b) return Buffer.from(b[1]!, "base64").toString("utf8").replace(/:$/, "");
  return null;
}

/** Matches "/instances/:id/start" against a path; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = path.replace(/\/+$/, "").split("/");
  const pp = pattern.replace(/\/+$/, "").split("/");
  if (pp.length !== a.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < pp.length; i++) {
    const seg = pp[i]!;
    if (seg.startsWith(":")) out[seg.slice(1)] = decodeURIComponent(a[i]!);
    else if (seg !== a[i]) return null;
  }
  return out;
}

export function retryAfterHeader(ms: number): Record<string, string> {
  return { "retry-after": String(Math.max(0, Math.ceil(ms / 1000))) };
}

export function obj(body: unknown): Record<string, unknown> {
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
