import http from "node:http";
import { getEnv } from "@/lib/env";

/**
 * The address a request came from, for per-address throttling of sign-in and sign-up.
 *
 * `next start` passes a client's own `X-Forwarded-For` through untouched (it fills the header from
 * the socket only when it is absent), so anyone could claim a new address on every attempt and never
 * be throttled. Unless the operator says a reverse proxy sits in front (`DUMONT_TRUST_PROXY=1`), the
 * guard below drops the client's forwarding headers before Next sees the request, and Next then
 * writes the socket's address. Behind a trusted proxy, the last entry is the one that proxy appended
 * (what it saw); entries before it are whatever the client sent.
 */
export const trustsProxy = () => getEnv().trustProxy;

const GUARDED = Symbol.for("dumont.forwardedForGuard");
type Guarded = typeof http.Server.prototype & { [GUARDED]?: boolean };

/** Installs the guard on every HTTP server of this process (idempotent). Called from instrumentation.ts. */
export function guardForwardedFor(): void {
  const proto = http.Server.prototype as Guarded;
  if (proto[GUARDED]) return;
  proto[GUARDED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && !trustsProxy()) {
      const req = args[0] as http.IncomingMessage;
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-real-ip"];
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}

/** The throttling address from request headers (after the guard, or behind a trusted proxy). */
export function clientAddress(h: { get(name: string): string | null }): string {
  const forwarded = h.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || "local";
}
