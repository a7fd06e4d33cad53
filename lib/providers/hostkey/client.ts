// HTTP client of HOSTKEY InvAPI (reference §5): `POST /{module}.php`, form-encoded, `action=` in
// the form, and a session `token` from auth.php login with the API key. The token is cached per
// (base URL, key) and renewed once on a token error.

import type { z } from "zod";
import { ProviderError, type HttpResponse } from "@/lib/http";
import { keyFingerprint, setupClient, type ClientSetup } from "../shared/client-factory";
import type { FailureContext } from "../shared/errors";
import { parseResponse } from "../shared/parse";
import type { AdapterOptions } from "../types";
import { HOSTKEY_KEY_URL, hostkeyErrorText, hostkeyFailure, isTokenError } from "./errors";
import {
  idNameListSchema,
  loginResponseSchema,
  orderResponseSchema,
  presetListSchema,
  serverListSchema,
  showResponseSchema,
} from "./schemas";

export const HOSTKEY_LABEL = "HOSTKEY";
const TOKEN_TTL_S = 3600;

type Form = Record<string, string | number | boolean | undefined>;

interface Session {
  token: string;
  expiresAt: number;
}
// Shared by adapter objects of the same key so each deploy step does not log in again.
const sessions = new Map<string, Session>();

export class HostkeyClient {
  private readonly c: ClientSetup;
  private readonly opts: AdapterOptions;
  private readonly scope: string;

  constructor(opts: AdapterOptions) {
    this.opts = opts;
    this.c = setupClient("hostkey", HOSTKEY_LABEL, opts, { secrets: () => [sessions.get(this.scope)?.token] });
    this.scope = `${this.c.baseUrl}|${keyFingerprint(opts.apiKey)}`;
  }

  private ctx(what: string, create = false): FailureContext {
    return { provider: "hostkey", label: HOSTKEY_LABEL, what, create, keyUrl: HOSTKEY_KEY_URL, redact: (s) => this.c.http.redact(s) };
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
    return parseResponse(schema, body, { provider: "hostkey", label: HOSTKEY_LABEL, what });
  }

  /** Logs in with the API key; always a fresh call (verifyKey relies on that). */
  async login(): Promise<Session> {
    const ctx = this.ctx("log in with the API key");
    const res = await this.c.http.request({
      method: "POST",
      path: "/auth.php",
      form: { action: "login", key: this.opts.apiKey, ttl: TOKEN_TTL_S, fix_ip: 0 },
      // Logging in twice is harmless.
      idempotent: true,
      what: "auth.php login",
    });
    const err = hostkeyErrorText(res);
    if (err !== null) {
      if (/NO_APPROPRIATE_SERVERS|no appropriate servers/i.test(err)) {
        throw new ProviderError({
          code: "invalid_request",
          provider: "hostkey",
          status: res.status,
          providerCode: "NO_APPROPRIATE_SERVERS",
          message: "HOSTKEY accepted the key but refused a session: the account has no servers (NO_APPROPRIATE_SERVERS).",
        });
      }
      // Outages and rate limits say nothing about the key; any other login failure means it was refused.
      const f = hostkeyFailure(res, err, ctx);
      if (f.code === "rate_limited" || f.code === "unavailable" || f.code === "timeout") throw f;
      throw new ProviderError({
        code: "auth",
        provider: "hostkey",
        status: res.status,
        message: `HOSTKEY rejected the API key: "${this.c.http.redact(err)}". Check the key at ${HOSTKEY_KEY_URL} and save it again.`,
      });
    }
    const t = this.parse(loginResponseSchema, res.json, "auth.php login");
    const expire = t.token_expire && t.token_expire > 1e9 ? t.token_expire * 1000 : Date.now() + TOKEN_TTL_S * 1000;
    const session = { token: t.token, expiresAt: expire };
    sessions.set(this.scope, session);
    return session;
  }

  private async token(): Promise<string> {
    const s = sessions.get(this.scope);
    if (s && s.expiresAt - Date.now() > 60_000) return s.token;
    return (await this.login()).token;
  }

  /** One InvAPI call. `auth` adds the session token; a token error triggers one re-login. */
  async call(module: string, action: string, form: Form, opt: { auth: boolean; idempotent: boolean; what: string; create?: boolean }): Promise<HttpResponse> {
    const ctx = this.ctx(opt.what, opt.create);
    for (let attempt = 0; ; attempt++) {
      const token = opt.auth ? await this.token() : undefined;
      const res = await this.c.http.request({
        method: "POST",
        path: `/${module}.php`,
        form: { action, ...(token ? { token } : {}), ...form },
        idempotent: opt.idempotent,
        what: `${module}/${action}`,
      });
      const err = hostkeyErrorText(res);
      if (err === null) return res;
      if (opt.auth && attempt === 0 && isTokenError(res, err)) {
        sessions.delete(this.scope);
        continue;
      }
      throw hostkeyFailure(res, err, ctx);
    }
  }

  async presets(location?: string) {
    const res = await this.call("presets", "list", { location }, { auth: false, idempotent: true, what: "list presets" });
    return this.parse(presetListSchema, res.json, "presets/list").presets;
  }

  async osList(presetId: string) {
    const res = await this.call("os", "list", { instance_id: presetId }, { auth: false, idempotent: true, what: "list operating systems" });
    return this.parse(idNameListSchema, res.json, "os/list");
  }

  async trafficPlans(location: string, presetId: string) {
    const res = await this.call("traffic_plans", "list", { location, instance_id: presetId }, { auth: false, idempotent: true, what: "list traffic plans" });
    return this.parse(idNameListSchema, res.json, "traffic_plans/list");
  }

  /** Never retried on 5xx: an order is not idempotent (the Terraform client never retries it). */
  async order(form: Form) {
    const res = await this.call("eq", "order_instance", form, { auth: true, idempotent: false, what: `order ${form.preset} in ${form.location_name}`, create: true });
    return this.parse(orderResponseSchema, res.json, "eq/order_instance");
  }

  /** Refreshes the server inventory; the docs say to call it before eq/list or eq/show. */
  async updateServers(): Promise<unknown> {
    const res = await this.call("eq", "update_servers", {}, { auth: true, idempotent: true, what: "refresh the server list" });
    return res.json;
  }

  async listServers() {
    const res = await this.call("eq", "list", {}, { auth: true, idempotent: true, what: "list servers" });
    return this.parse(serverListSchema, res.json, "eq/list").servers;
  }

  async show(id: string) {
    const res = await this.call("eq", "show", { id }, { auth: true, idempotent: true, what: `show server ${id}` });
    return this.parse(showResponseSchema, res.json, "eq/show");
  }

  async power(id: string, action: "on" | "off") {
    // Power actions are asynchronous (a callback key comes back); repeating one is harmless.
    await this.call("eq", action, { id }, { auth: true, idempotent: true, what: `power ${action} server ${id}` });
  }

  async cancel(id: string) {
    await this.call(
      "whmcs",
      "request_cancellation",
      { id, cancellation_reason: "Destroyed from DumontCloud", cancellation_type: 1 },
      { auth: true, idempotent: true, what: `cancel server ${id}` },
    );
  }
}
