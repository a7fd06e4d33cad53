// HOSTKEY InvAPI as reference §5 documents it, under /hostkey: `POST /{module}.php`, form bodies,
// `action=`, a session token from auth.php, `result:"OK"` envelopes and several error shapes
// ({code:-1,message}, {result:-1,error}). Orders are asynchronous: a callback key answers
// "Not ready" until the server is deployed. The real IP list has no SSH port (root@ip:22); the
// sandbox adds `sandbox_ssh_port`.

import { HOURS_PER_MONTH, usdToMicros } from "@/lib/providers/shared/money";
import { keyAccepted, obj, retryAfterHeader, type ApiContext, type ProviderEmulator } from "../http";
import { HOSTKEY_OS, HOSTKEY_PRESETS, HOSTKEY_TRAFFIC_PLANS } from "../inventory";
import { hexId, info } from "../store";
import type { SimInstance } from "../types";

const TOKEN_TTL_S = 3600;

function field(ctx: ApiContext, name: string): string | undefined {
  const v = obj(ctx.body)[name] ?? ctx.query.get(name) ?? undefined;
  return v === undefined || v === null ? undefined : String(v);
}

function error(ctx: ApiContext, message: string, status = 200) {
  ctx.send(status, { code: -1, message });
}

function serverStatus(i: SimInstance): { status: string; deploy: string } {
  switch (i.phase) {
    case "creating":
    case "booting":
      return { status: "rent", deploy: "in_progress" };
    case "failed":
      return { status: "rent", deploy: "failed" };
    case "stopped":
      return { status: "power_off", deploy: "done" };
    case "starting":
      return { status: "power_on", deploy: "done" };
    default:
      return { status: "rent", deploy: "done" };
  }
}

function showView(i: SimInstance) {
  const s = serverStatus(i);
  const ready = i.phase !== "creating" && i.phase !== "booting";
  return {
    result: "OK",
    action: "show",
    server_data: { id: i.id, hostname: i.name, status: s.status, location: i.region, deploy_status: s.deploy, preset: i.extra.preset },
    hardware: { gpu: i.gpuName, gpu_count: i.gpuCount },
    IP: ready ? [{ ip: i.ssh.host, main_ip: 1, sandbox_ssh_port: i.ssh.port }] : [],
    tags: [],
  };
}

function login(ctx: ApiContext) {
  const key = field(ctx, "key");
  if (!keyAccepted(key)) return error(ctx, "Authorization failed: invalid key", 403);
  if (key.startsWith("noservers")) return ctx.send(200, { code: "NO_APPROPRIATE_SERVERS", message: "No appropriate servers found" });
  const token = hexId(20);
  const ttl = Math.min(Number(field(ctx, "ttl") ?? TOKEN_TTL_S) || TOKEN_TTL_S, 86_400);
  const expiresAt = Date.now() + ttl * 1000;
  ctx.store.tokens.set(token, { owner: key, expiresAt });
  const servers = ctx.store.list("hostkey", key).filter((i) => i.phase !== "destroyed").map((i) => i.id);
  ctx.send(200, { result: "OK", action: "login", token, invapi: "sandbox", role: "user", token_expire: Math.floor(expiresAt / 1000), servers });
}

function presetsView(location: string | undefined) {
  return HOSTKEY_PRESETS.filter((p) => !location || p.locations.includes(location)).map((p) => ({ ...p, location: location ?? p.locations[0] }));
}

async function order(ctx: ApiContext, owner: string) {
  const presetRef = field(ctx, "preset");
  const preset = HOSTKEY_PRESETS.find((p) => p.name === presetRef || String(p.id) === presetRef);
  if (!preset) return ctx.send(200, { result: -1, error: `Unknown preset ${presetRef ?? ""}` });
  const location = field(ctx, "location_name");
  if (!location || !preset.locations.includes(location)) return ctx.send(200, { result: -1, error: `Preset ${preset.name} is not offered in ${location ?? "(none)"}` });
  if (!HOSTKEY_OS.some((o) => String(o.id) === field(ctx, "os_id"))) return ctx.send(200, { result: -1, error: "Unknown os_id" });
  if (!HOSTKEY_TRAFFIC_PLANS.some((t) => String(t.id) === field(ctx, "traffic_plan"))) return ctx.send(200, { result: -1, error: "Unknown traffic_plan" });
  const pass = field(ctx, "root_pass") ?? "";
  if (pass.length < 8 || pass.length > 30 || !/[A-Z]/.test(pass) || !/[a-z]/.test(pass) || !/\d/.test(pass) || !/[%\-_+]/.test(pass) || /[@#]/.test(pass)) {
    return ctx.send(200, { result: -1, error: "root_pass must be 8-30 characters with upper and lower case, a digit and one of % - _ +" });
  }
  const period = field(ctx, "deploy_period") ?? "monthly";
  if (!["hourly", "monthly", "quarterly", "semi-annually", "annually"].includes(period)) return ctx.send(200, { result: -1, error: "Invalid deploy_period" });
  if (!preset.active) return ctx.send(200, { result: -1, error: `No free servers available for preset ${preset.name} in ${location}` });

  const hourly = Math.round(usdToMicros(preset.price.USD) / HOURS_PER_MONTH);
  const base = {
    provider: "hostkey" as const,
    id: String(40_000 + ctx.store.nextSeq()),
    owner,
    name: field(ctx, "hostname") ?? "",
    offerId: `${preset.id}@${location}`,
    gpuName: preset.gpu,
    gpuCount: Number(/^(\d+)x/.exec(preset.gpu)?.[1] ?? 1),
    region: location,
    kind: preset.virtual ? ("vm" as const) : ("bare-metal" as const),
    image: HOSTKEY_OS.find((o) => String(o.id) === field(ctx, "os_id"))!.name,
    diskGb: Number(preset.hdd),
    sshPublicKey: field(ctx, "ssh_key") ?? null,
    priceMicros: hourly,
    // Power-off does not stop the rental.
    stoppedPriceMicros: hourly,
    extra: { preset: preset.name, callback: hexId(16), invoice: 900_000 + ctx.store.nextSeq(), period },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  // `id` sometimes arrives as a string in the real API; the sandbox always sends one.
  ctx.send(200, {
    result: "OK",
    action: "order_instance",
    callback: inst.extra.callback,
    deploy_status: "in_progress",
    id: inst.id,
    invoice: inst.extra.invoice,
    status: "ok",
    os_name: inst.image,
    soft_name: "",
  });
}

export const hostkeyEmulator: ProviderEmulator = {
  provider: "hostkey",
  isCreate: (method, path, body) => method === "POST" && path === "/eq.php" && obj(body).action === "order_instance",

  fault(kind, ctx, retryAfterS) {
    if (kind === "429") ctx.send(429, { code: -1, message: "Too many requests" }, retryAfterHeader(retryAfterS * 1000));
    else ctx.sendText(503, "Service Temporarily Unavailable");
  },

  async handle(ctx) {
    const module = /^\/([a-z_]+)\.php$/.exec(ctx.path)?.[1];
    const action = field(ctx, "action");
    if (!module) return error(ctx, `Unknown endpoint ${ctx.path}`, 404);

    // Catalogue and callback calls need no token.
    if (module === "auth" && action === "login") return login(ctx);
    if (module === "presets" && (action === "list" || action === "info")) {
      const id = field(ctx, "id");
      const list = presetsView(field(ctx, "location")).filter((p) => !id || String(p.id) === id);
      return ctx.send(200, { result: "OK", action, presets: list });
    }
    if (module === "os" && action === "list") return ctx.send(200, { result: "OK", action, os: HOSTKEY_OS });
    if (module === "traffic_plans" && action === "list") return ctx.send(200, { result: "OK", action, traffic_plans: HOSTKEY_TRAFFIC_PLANS });
    if (module === "eq_callback" && action === "check") {
      const key = field(ctx, "key");
      const inst = ctx.store.list("hostkey").find((i) => i.extra.callback === key);
      if (!inst) return error(ctx, "Unknown callback key");
      if (inst.phase === "creating" || inst.phase === "booting") return ctx.send(200, { result: "Not ready" });
      return ctx.send(200, { result: "OK", context: { id: inst.id, ip: inst.ssh.host, location: inst.region, status: inst.phase === "failed" ? "failed" : "done" } });
    }

    const token = field(ctx, "token");
    const session = token ? ctx.store.tokens.get(token) : undefined;
    if (!session || session.expiresAt < Date.now()) return error(ctx, "Invalid token", 401);
    const owner = session.owner;

    if (module === "eq") {
      if (action === "order_instance") return order(ctx, owner);
      const mine = () => ctx.store.list("hostkey", owner).filter((i) => i.phase !== "destroyed");
      if (action === "update_servers") {
        const list = mine();
        return ctx.send(200, {
          result: "OK",
          action,
          servers: list.map((i) => i.id),
          billing_servers: list.map((i) => ({ id: i.id, name: i.name, status: "Active", config: i.extra.preset })),
          deploy_keys: [],
        });
      }
      if (action === "list") {
        const want = field(ctx, "status");
        const servers = mine()
          .map((i) => ({ id: i.id, status: serverStatus(i).status, hostname: i.name, location: i.region }))
          .filter((s) => !want || s.status === want);
        return ctx.send(200, { result: "OK", action, servers });
      }
      const id = field(ctx, "id") ?? "";
      const inst = ctx.store.get("hostkey", id, owner);
      if (!inst || inst.phase === "destroyed") return error(ctx, `Server ${id} not found`);
      if (action === "show") return ctx.send(200, showView(inst));
      if (action === "status") return ctx.send(200, { result: "OK", action, power: inst.phase === "stopped" ? "off" : "on" });
      if (action === "off" || action === "hard_off") {
        if (inst.phase === "running") ctx.store.setPhase(inst, "stopping");
        else if (inst.phase !== "stopping" && inst.phase !== "stopped") return ctx.send(200, { result: "Error", action, error: `Server is ${inst.phase}` });
        return ctx.send(200, { result: "OK", action, callback: hexId(16) });
      }
      if (action === "on") {
        if (inst.phase === "stopped") ctx.store.setPhase(inst, "starting");
        else if (inst.phase !== "starting" && inst.phase !== "running") return ctx.send(200, { result: "Error", action, error: `Server is ${inst.phase}` });
        return ctx.send(200, { result: "OK", action, callback: hexId(16) });
      }
      if (action === "reboot") {
        ctx.store.setPhase(inst, "starting");
        return ctx.send(200, { result: "OK", action, callback: hexId(16) });
      }
      if (action === "rename_server") {
        inst.name = field(ctx, "hostname") ?? inst.name;
        return ctx.send(200, { result: "OK", action });
      }
    }
    if (module === "whmcs" && action === "request_cancellation") {
      const id = field(ctx, "id") ?? "";
      const inst = ctx.store.get("hostkey", id, owner);
      if (!inst || inst.phase === "destroyed") return error(ctx, `Server ${id} not found`);
      // The sandbox honours cancellation_type=1 (immediate) for every server.
      ctx.store.setPhase(inst, "destroyed");
      return ctx.send(200, { result: "success", action });
    }
    return error(ctx, `Unknown action ${module}/${action ?? ""}`);
  },
};
