// HOSTKEY InvAPI under /hostkey, in the shapes HOSTKEY's Terraform provider and MCP server read:
// `POST /{module}.php`, form bodies, `action=`, a session token from auth.php, `result:"OK"`
// envelopes and several error shapes ({code:-1,message}, {result:-1,error}).
// - presets/list prices each preset per location (`price[location].{USD,EUR,RUR}`, monthly) with that
//   location's stock in `available` when asked for one location.
// - traffic_plans/list filters by the preset in `instance`; without it every plan of the location
//   comes back, and an order with a plan that does not fit the preset is refused.
// - Orders are asynchronous: a callback key answers "Not ready" until the server is deployed. Keys
//   starting "invoice" pay their order invoices a moment later (the server id comes through
//   update_servers.deploy_keys and the callback); keys starting "unpaid" never pay, so no server
//   appears. A preset marked `hourly: false` refuses deploy_period=hourly.
// - eq/show and eq/list see the account's inventory as of its last eq/update_servers.
// - An account without servers gets no session (NO_APPROPRIATE_SERVERS): keys starting "noservers".
// The real IP list has no SSH port (root@ip:22); the sandbox adds `sandbox_ssh_port`.

import { HOURS_PER_MONTH, usdToMicros } from "@/lib/money";
import { keyAccepted, obj, retryAfterHeader, type ApiContext, type ProviderEmulator } from "../http";
import { HOSTKEY_OS, HOSTKEY_PRESETS, HOSTKEY_TRAFFIC_PLANS } from "../inventory";
import { hexId, info } from "../store";
import type { SimInstance } from "../types";

const TOKEN_TTL_S = 3600;

type Preset = (typeof HOSTKEY_PRESETS)[number];

interface UnpaidOrder {
  invoice: number;
  preset: string;
  location: string;
}

function field(ctx: ApiContext, name: string): string | undefined {
  const v = obj(ctx.body)[name] ?? ctx.query.get(name) ?? undefined;
  return v === undefined || v === null ? undefined : String(v);
}

function error(ctx: ApiContext, message: string, status = 200) {
  ctx.send(status, { code: -1, message });
}

function locationsOf(p: Preset): string[] {
  return Object.keys(p.price);
}

/** When the owner last called eq/update_servers (0: never). */
function lastRefresh(ctx: ApiContext, owner: string): number {
  return ctx.store.keys<number>("hostkey", `refresh|${owner}`)[0] ?? 0;
}

function unpaidOrders(ctx: ApiContext, owner: string): UnpaidOrder[] {
  return ctx.store.keys<UnpaidOrder>("hostkey", `unpaid|${owner}`);
}

/** Not yet paid: created from an "invoice" account and still in its first phase. */
function awaitingPayment(i: SimInstance): boolean {
  return i.extra.paidLater === true && i.phase === "creating";
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
  // server_data varies: numbers as numbers, and bare-metal servers carry the hostname only in tags.
  const serverData: Record<string, unknown> = {
    id: Number(i.id),
    status: s.status,
    location: i.region,
    deploy_status: s.deploy,
    preset: i.extra.preset,
    preset_id: i.extra.presetId,
  };
  if (i.kind === "vm") serverData.hostname = i.name;
  return {
    result: "OK",
    action: "show",
    server_data: serverData,
    hardware: { gpu: i.gpuName, gpu_count: i.gpuCount },
    IP: ready ? [{ ip: i.ssh.host, main_ip: "1", sandbox_ssh_port: i.ssh.port }] : [],
    tags: [
      { tag: "hostname", value: i.name, extra: "" },
      { tag: "preset", value: String(i.extra.preset), extra: "" },
    ],
  };
}

function login(ctx: ApiContext) {
  const key = field(ctx, "key");
  if (!keyAccepted(key)) return error(ctx, "Authorization failed: invalid key", 403);
  // The body HOSTKEY's Terraform client test uses for an account with no servers.
  if (key.startsWith("noservers"))
    return ctx.send(200, { result: -1, error: "No appropriate servers found", code: "NO_APPROPRIATE_SERVERS" });
  const token = hexId(20);
  const ttl = Math.min(Number(field(ctx, "ttl") ?? TOKEN_TTL_S) || TOKEN_TTL_S, 86_400);
  const expiresAt = Date.now() + ttl * 1000;
  ctx.store.tokens.set(token, { owner: key, expiresAt });
  const servers = ctx.store
    .list("hostkey", key)
    .filter((i) => i.phase !== "destroyed")
    .map((i) => Number(i.id));
  ctx.send(200, {
    result: { token, invapi: "sandbox", role: "user", token_expire: Math.floor(expiresAt / 1000), servers },
  });
}

function presetView(p: Preset, location: string | undefined) {
  const { stock, hourly: _hourly, ...rest } = p;
  const available = location ? (stock[location] ?? 0) : Object.values(stock).reduce((a, b) => a + b, 0);
  return {
    ...rest,
    ...(location ? { location } : {}),
    locations: locationsOf(p).join(","),
    available,
    tags: [{ tag: "web_line", value: p.description, extra: "" }],
  };
}

function presetsList(location: string | undefined) {
  return HOSTKEY_PRESETS.filter((p) => !location || locationsOf(p).includes(location)).map((p) =>
    presetView(p, location),
  );
}

/** presets/info: the docs' flat `price:{EUR, USD}` (the first location's). */
function presetsInfo() {
  return HOSTKEY_PRESETS.map((p) => {
    const first = Object.values(p.price)[0]!;
    return {
      id: p.id,
      name: p.name,
      cpu: p.cpu,
      ram: p.ram,
      hdd: p.hdd,
      gpu: p.gpu || null,
      virtual: p.virtual,
      active: p.active,
      description: p.description,
      locations: locationsOf(p).join(","),
      price: { EUR: first.EUR, USD: first.USD },
    };
  });
}

function trafficPlans(location: string | undefined, instance: string | undefined) {
  return HOSTKEY_TRAFFIC_PLANS.filter((t) => !location || t.locations.split(",").includes(location))
    .filter((t) => !instance || t.presets.includes(Number(instance)))
    .map(({ presets: _presets, ...t }) => t);
}

/** eq/order_instance's reply: a paid order names its server and deploy callback; an unpaid one has neither yet. */
function orderReply(invoice: number, osName: string, paid?: { id: string; callback: unknown }) {
  return {
    result: "OK",
    action: "order_instance",
    callback: paid?.callback ?? "",
    deploy_status: paid ? "in_progress" : "",
    id: paid?.id ?? 0,
    invoice,
    status: paid ? "Paid" : "Unpaid",
    os_name: osName,
    soft_name: "",
  };
}

async function order(ctx: ApiContext, owner: string) {
  const presetRef = field(ctx, "preset");
  const preset = HOSTKEY_PRESETS.find((p) => p.name === presetRef || String(p.id) === presetRef);
  if (!preset) return ctx.send(200, { result: -1, error: `Unknown preset ${presetRef ?? ""}` });
  const location = field(ctx, "location_name");
  if (!location || !locationsOf(preset).includes(location))
    return ctx.send(200, { result: -1, error: `Preset ${preset.name} is not offered in ${location ?? "(none)"}` });
  const os = HOSTKEY_OS.find((o) => String(o.id) === field(ctx, "os_id"));
  if (!os?.active) return ctx.send(200, { result: -1, error: "Unknown os_id" });
  const plan = HOSTKEY_TRAFFIC_PLANS.find((t) => String(t.id) === field(ctx, "traffic_plan"));
  if (!plan) return ctx.send(200, { result: -1, error: "Unknown traffic_plan" });
  if (!plan.active || !plan.presets.includes(preset.id) || !plan.locations.split(",").includes(location)) {
    return ctx.send(200, {
      result: -1,
      error: `Traffic plan ${plan.id} is not available for preset ${preset.name} in ${location}`,
    });
  }
  const pass = field(ctx, "root_pass") ?? "";
  if (
    pass.length < 8 ||
    pass.length > 30 ||
    !/[A-Z]/.test(pass) ||
    !/[a-z]/.test(pass) ||
    !/\d/.test(pass) ||
    !/[%\-_+]/.test(pass) ||
    /[@#]/.test(pass)
  ) {
    return ctx.send(200, {
      result: -1,
      error: "root_pass must be 8-30 characters with upper and lower case, a digit and one of % - _ +",
    });
  }
  const period = field(ctx, "deploy_period") ?? "monthly";
  if (!["hourly", "monthly", "quarterly", "semi-annually", "annually"].includes(period))
    return ctx.send(200, { result: -1, error: "Invalid deploy_period" });
  // The wording is the sandbox's: HOSTKEY's own refusal text for hourly billing is not documented.
  if (period === "hourly" && !preset.hourly)
    return ctx.send(200, { result: -1, error: `Hourly billing is not available for preset ${preset.name}` });
  if (!preset.active || (preset.stock[location] ?? 0) <= 0)
    return ctx.send(200, { result: -1, error: `No free servers available for preset ${preset.name} in ${location}` });

  const invoice = 900_000 + ctx.store.nextSeq();
  const hostname = field(ctx, "hostname") ?? "";
  if (owner.startsWith("unpaid")) {
    // Auto-pay off: HOSTKEY issues an invoice and deploys nothing until it is paid.
    unpaidOrders(ctx, owner).push({ invoice, preset: preset.name, location });
    return ctx.send(200, orderReply(invoice, os.name));
  }
  const paidLater = owner.startsWith("invoice");
  const monthly = preset.price[location as keyof typeof preset.price] as { USD: number };
  const hourly = Math.round(usdToMicros(monthly.USD) / HOURS_PER_MONTH);
  const base = {
    provider: "hostkey" as const,
    id: String(40_000 + ctx.store.nextSeq()),
    owner,
    name: hostname,
    offerId: `${preset.id}@${location}`,
    gpuName: preset.gpu,
    gpuCount: Number(/^(\d+)x/.exec(preset.gpu)?.[1] ?? 1),
    region: location,
    kind: preset.virtual ? ("vm" as const) : ("bare-metal" as const),
    image: os.name,
    diskGb: Number(
      /^(\d+)x(\d+)$/
        .exec(preset.hdd)
        ?.slice(1)
        .reduce((a, b) => a * Number(b), 1) ?? preset.hdd,
    ),
    sshPublicKey: field(ctx, "ssh_key") ?? null,
    priceMicros: hourly,
    // Power-off does not stop the rental.
    stoppedPriceMicros: hourly,
    extra: { preset: preset.name, presetId: preset.id, callback: hexId(16), invoice, period, paidLater },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  if (paidLater) {
    // Paid from the invoice a moment later: no server id or callback in the reply.
    return ctx.send(200, orderReply(invoice, os.name));
  }
  // `id` sometimes arrives as a string in the real API; the sandbox sends a string.
  ctx.send(200, orderReply(invoice, os.name, { id: inst.id, callback: inst.extra.callback }));
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
    if (module === "presets" && action === "list") {
      const location = field(ctx, "location");
      return ctx.send(200, { result: "OK", action, presets: presetsList(location) });
    }
    if (module === "presets" && action === "info")
      return ctx.send(200, { result: "OK", action, presets: presetsInfo() });
    if (module === "os" && action === "list")
      return ctx.send(200, { result: "OK", action, os_list: HOSTKEY_OS, os_excluded: [] });
    if (module === "traffic_plans" && action === "list") {
      // Terraform sends no token here: with a customer session the call often answers "invalid request".
      if (field(ctx, "token")) return ctx.send(200, { result: -1, error: "invalid request" });
      return ctx.send(200, {
        result: "OK",
        action,
        traffic_plans: trafficPlans(field(ctx, "location"), field(ctx, "instance")),
      });
    }
    if (module === "eq_callback" && action === "check") {
      const key = field(ctx, "key");
      const inst = ctx.store.list("hostkey").find((i) => i.extra.callback === key && !awaitingPayment(i));
      if (!inst) return ctx.send(200, { result: "Error", action, error: "Unknown async key" });
      if (inst.phase === "creating" || inst.phase === "booting") return ctx.send(200, { result: "Not ready" });
      if (inst.phase === "failed")
        return ctx.send(200, { result: "OK", action, context: { id: inst.id, error: "deploy failed" } });
      return ctx.send(200, {
        result: "OK",
        action,
        context: { action: "deploy", id: inst.id, ip: inst.ssh.host, location: inst.region },
      });
    }

    const token = field(ctx, "token");
    const session = token ? ctx.store.tokens.get(token) : undefined;
    if (!session || session.expiresAt < Date.now()) return error(ctx, "Invalid token", 401);
    const owner = session.owner;

    if (module === "eq") {
      if (action === "order_instance") return order(ctx, owner);
      const mine = () => ctx.store.list("hostkey", owner).filter((i) => i.phase !== "destroyed" && !awaitingPayment(i));
      if (action === "update_servers") {
        const refreshed = ctx.store.keys<number>("hostkey", `refresh|${owner}`);
        refreshed.splice(0, refreshed.length, Date.now());
        const list = mine();
        // Paid invoice orders by invoice; the key stays after the server is cancelled, and its
        // callback still names the server.
        const paid = ctx.store.list("hostkey", owner).filter((i) => i.extra.paidLater === true && !awaitingPayment(i));
        const deployKeys = Object.fromEntries(paid.map((i) => [String(i.extra.invoice), String(i.extra.callback)]));
        return ctx.send(200, {
          result: "OK",
          action,
          servers: list.map((i) => Number(i.id)),
          billing_servers: list.map((i) => ({
            id: Number(i.id),
            name: i.name,
            status: "Active",
            config: i.extra.preset,
          })),
          deploy_keys: Object.keys(deployKeys).length ? deployKeys : [],
        });
      }
      // The inventory eq/list and eq/show read is the one eq/update_servers last refreshed.
      const seen = lastRefresh(ctx, owner);
      const visible = () => mine().filter((i) => i.createdAt <= seen);
      if (action === "list") {
        const want = field(ctx, "status");
        const servers = visible()
          .map((i) => ({ id: Number(i.id), status: serverStatus(i).status, hostname: i.name, location: i.region }))
          .filter((s) => !want || s.status === want);
        return ctx.send(200, { result: "OK", action, servers });
      }
      const id = field(ctx, "id") ?? "";
      const inst = visible().find((i) => i.id === id);
      if (!inst) return error(ctx, `Server ${id} not found`);
      if (action === "show") return ctx.send(200, showView(inst));
      if (action === "status")
        return ctx.send(200, { result: "OK", action, power: inst.phase === "stopped" ? "off" : "on" });
      if (action === "off" || action === "hard_off") {
        if (inst.phase === "running") ctx.store.setPhase(inst, "stopping");
        else if (inst.phase !== "stopping" && inst.phase !== "stopped")
          return ctx.send(200, { result: "Error", action, error: `Server is ${inst.phase}` });
        return ctx.send(200, { result: "OK", action, callback: hexId(16) });
      }
      if (action === "on") {
        if (inst.phase === "stopped") ctx.store.setPhase(inst, "starting");
        else if (inst.phase !== "starting" && inst.phase !== "running")
          return ctx.send(200, { result: "Error", action, error: `Server is ${inst.phase}` });
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
