// HTTP client of HOSTKEY InvAPI: `POST /{module}.php`, form-encoded, `action=` in the form, and a
// session `token` from auth.php login with the API key, as HOSTKEY's MCP server and Terraform
// provider call it. The token is cached per (base URL, key) and renewed once on a token error.
// Catalogue calls (presets, os, traffic_plans) and callback checks need no token.

import { ProviderError, type HttpResponse } from "@/lib/http";
import { keyFingerprint, setupClient, type ClientSetup } from "../shared/client-factory";
import type { AdapterOptions } from "../types";
import { HOSTKEY_KEY_URL, hostkeyErrorText, hostkeyFailure, isTokenError } from "./errors";
import {
  callbackCheckSchema,
  loginResponseSchema,
  orderResponseSchema,
  osListSchema,
  presetListSchema,
  serverListSchema,
  showResponseSchema,
  trafficPlanListSchema,
  updateServersSchema,
} from "./schemas";

export const HOSTKEY_PANEL_URL = "https://hostkey.com";
const TOKEN_TTL_S = 3600;

type Form = Record<string, string | number | boolean | undefined>;

interface Session {
  token: string;
  expiresAt: number;
  /** Whether eq/update_servers ran in this session (MCP's ensureServersRefreshed). */
  refreshed: boolean;
}
// Shared by adapter objects of the same key so each deploy step does not log in again.
const sessions = new Map<string, Session>();

/** The account has no servers, so InvAPI will not open a session (Terraform's ErrNoAppropriateServers). */
export function noServersError(status?: number): ProviderError {
  return new ProviderError({
    code: "invalid_request",
    provider: "hostkey",
    status,
    providerCode: "NO_APPROPRIATE_SERVERS",
    message:
      `HOSTKEY recognised the key but will not open an API session for an account with no servers (NO_APPROPRIATE_SERVERS), ` +
      `so nothing can be ordered through the API yet. Order a first server in HOSTKEY's panel (${HOSTKEY_PANEL_URL}), then save the key again.`,
  });
}

export class HostkeyClient {
  private readonly c: ClientSetup;
  private readonly opts: AdapterOptions;
  private readonly scope: string;

  constructor(opts: AdapterOptions) {
    this.opts = opts;
    this.c = setupClient("hostkey", opts, {
      keyUrl: HOSTKEY_KEY_URL,
      secrets: () => [sessions.get(this.scope)?.token],
      failure: (res, ctx) => {
        const err = hostkeyErrorText(res);
        return err === null ? null : hostkeyFailure(res, err, ctx);
      },
    });
    this.scope = `${this.c.baseUrl}|${keyFingerprint(opts.apiKey)}`;
  }

  /** Logs in with the API key; always a fresh call (verifyKey relies on that). */
  async login(): Promise<Session> {
    const ctx = this.c.ctx("log in with the API key");
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
      const code = (res.json as { code?: unknown } | undefined)?.code;
      if (code === "NO_APPROPRIATE_SERVERS" || /NO_APPROPRIATE_SERVERS|no appropriate servers/i.test(err))
        throw noServersError(res.status);
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
    const t = this.c.parse(loginResponseSchema, res.json, "auth.php login");
    const expire = t.token_expire && t.token_expire > 1e9 ? t.token_expire * 1000 : Date.now() + TOKEN_TTL_S * 1000;
    const session = { token: t.token, expiresAt: expire, refreshed: false };
    sessions.set(this.scope, session);
    return session;
  }

  private async session(): Promise<Session> {
    const s = sessions.get(this.scope);
    if (s && s.expiresAt - Date.now() > 60_000) return s;
    return this.login();
  }

  /** One InvAPI call. `auth` adds the session token; a token error triggers one re-login. */
  async call(
    module: string,
    action: string,
    form: Form,
    opt: { auth: boolean; idempotent: boolean; what: string; create?: boolean },
  ): Promise<HttpResponse> {
    const ctx = this.c.ctx(opt.what, opt.create);
    for (let attempt = 0; ; attempt++) {
      const token = opt.auth ? (await this.session()).token : undefined;
      const res = await this.c.http.request({
        method: "POST",
        path: `/${module}.php`,
        form: { action, ...(token ? { token } : {}), ...form },
        idempotent: opt.idempotent,
        what: `${module}/${action}`,
      });
      const err = hostkeyErrorText(res);
      if (err !== null && opt.auth && attempt === 0 && isTokenError(res, err)) {
        sessions.delete(this.scope);
        continue;
      }
      return this.c.check(res, ctx);
    }
  }

  /** presets/list; for one location `filter=yes` makes `available` that location's stock. */
  async presets(location?: string) {
    const form: Form = location ? { location, filter: "yes" } : {};
    const res = await this.call("presets", "list", form, { auth: false, idempotent: true, what: "list presets" });
    return this.c.parse(presetListSchema, res.json, "presets/list").presets;
  }

  async osList(presetId: string) {
    const res = await this.call(
      "os",
      "list",
      { instance_id: presetId },
      { auth: false, idempotent: true, what: "list operating systems" },
    );
    return this.c.parse(osListSchema, res.json, "os/list");
  }

  /**
   * Plans for a preset in a location. The preset goes in `instance` (traffic_plans docs; Terraform's
   * TrafficPlansList); `instance_id` is ignored and returns every plan. Sent without a token, as
   * Terraform does: a session token often gets "invalid request" here.
   */
  async trafficPlans(location: string, presetId: string) {
    const res = await this.call(
      "traffic_plans",
      "list",
      { location, instance: presetId },
      { auth: false, idempotent: true, what: "list traffic plans" },
    );
    return this.c.parse(trafficPlanListSchema, res.json, "traffic_plans/list");
  }

  /** Never retried on 5xx: an order is not idempotent (the Terraform client never retries it). */
  async order(form: Form) {
    const res = await this.call("eq", "order_instance", form, {
      auth: true,
      idempotent: false,
      what: `order ${form.preset} in ${form.location_name}`,
      create: true,
    });
    return this.c.parse(orderResponseSchema, res.json, "eq/order_instance");
  }

  /** Refreshes the server inventory; the docs and the MCP server call it before eq/list or eq/show. */
  async updateServers() {
    const res = await this.call(
      "eq",
      "update_servers",
      {},
      { auth: true, idempotent: true, what: "refresh the server list" },
    );
    const s = sessions.get(this.scope);
    if (s) s.refreshed = true;
    const body = this.c.parse(updateServersSchema, res.json, "eq/update_servers");
    return { deployKeys: body.deploy_keys ?? {}, billingServers: body.billing_servers ?? [] };
  }

  /** Deploy progress of an order (no token, as the MCP server's checkTask). */
  async callbackCheck(key: string) {
    const res = await this.call(
      "eq_callback",
      "check",
      { key },
      { auth: false, idempotent: true, what: "check the deploy" },
    );
    return this.c.parse(callbackCheckSchema, res.json, "eq_callback/check");
  }

  async listServers() {
    const res = await this.call("eq", "list", {}, { auth: true, idempotent: true, what: "list servers" });
    return this.c.parse(serverListSchema, res.json, "eq/list").servers;
  }

  /**
   * eq/show after one eq/update_servers per session; a server ordered since then may be missing from
   * the cached inventory, so a "not found" refreshes once more before it counts.
   */
  async show(id: string) {
    if (!(await this.session()).refreshed) await this.updateServers();
    const once = () => this.call("eq", "show", { id }, { auth: true, idempotent: true, what: `show server ${id}` });
    let res: HttpResponse;
    try {
      res = await once();
    } catch (e) {
      if (!(e instanceof ProviderError && e.code === "not_found")) throw e;
      await this.updateServers();
      res = await once();
    }
    return this.c.parse(showResponseSchema, res.json, "eq/show");
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
