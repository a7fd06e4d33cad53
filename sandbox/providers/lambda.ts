// Lambda Cloud API v1 (the v1.5.3 spec's shapes) under /lambda/api/v1: `{data}` / `{error:{code,
// message, suggestion}}`, launch limited to one per 12 s, booting (ip null) → active, terminate →
// terminating → terminated, no stop. The real API has no SSH port (always 22); the sandbox adds
// `sandbox_ssh_port` because its SSH servers cannot bind port 22.

import { bearer, keyAccepted, match, obj, retryAfterHeader, type ApiContext, type ProviderEmulator } from "../http";
import { LAMBDA_REGIONS, LAMBDA_TYPES } from "../inventory";
import { hexId, info } from "../store";
import type { Phase, SimInstance } from "../types";

const API = "/api/v1";

interface LambdaKey {
  id: string;
  name: string;
  public_key: string;
}

function fail(
  ctx: ApiContext,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
) {
  const { suggestion, ...rest } = extra;
  ctx.send(status, { error: { code, message, ...(suggestion ? { suggestion } : {}) }, ...rest }, headers);
}

const STATUS: Record<Phase, string> = {
  creating: "booting",
  booting: "booting",
  running: "active",
  stopping: "active",
  stopped: "active",
  starting: "booting",
  destroying: "terminating",
  destroyed: "terminated",
  failed: "unhealthy",
};

function typeView(t: (typeof LAMBDA_TYPES)[number]) {
  return {
    name: t.name,
    description: t.description,
    gpu_description: t.gpu_description,
    price_cents_per_hour: t.price_cents_per_hour,
    specs: t.specs,
  };
}

function instanceView(i: SimInstance) {
  const t = LAMBDA_TYPES.find((x) => x.name === i.extra.type)!;
  const up = i.phase === "running";
  const region = String(i.extra.region);
  return {
    id: i.id,
    name: i.name,
    ip: up ? i.ssh.host : null,
    private_ip: up ? "10.0.0.2" : null,
    status: STATUS[i.phase],
    ssh_key_names: i.extra.sshKeyNames,
    file_system_names: [],
    region: { name: region, description: LAMBDA_REGIONS[region] ?? region },
    instance_type: typeView(t),
    hostname: `${i.id.slice(0, 8)}.cloud.lambdalabs.com`,
    jupyter_token: null,
    jupyter_url: null,
    sandbox_ssh_port: up ? i.ssh.port : null,
  };
}

async function launch(ctx: ApiContext, owner: string) {
  const b = obj(ctx.body);
  const fieldErrors: Record<string, { code: string; message: string }> = {};
  if (typeof b.region_name !== "string")
    fieldErrors.region_name = { code: "global/invalid-parameters", message: "region_name is required" };
  if (typeof b.instance_type_name !== "string")
    fieldErrors.instance_type_name = { code: "global/invalid-parameters", message: "instance_type_name is required" };
  const keys = ctx.store.keys<LambdaKey>("lambda", owner);
  const names = Array.isArray(b.ssh_key_names) ? b.ssh_key_names.map(String) : [];
  if (names.length !== 1)
    fieldErrors.ssh_key_names = { code: "global/invalid-parameters", message: "Exactly one SSH key name is required" };
  else if (!keys.some((k) => k.name === names[0]))
    fieldErrors.ssh_key_names = { code: "global/invalid-parameters", message: `SSH key ${names[0]} does not exist` };
  if (b.quantity !== undefined && b.quantity !== 1)
    fieldErrors.quantity = { code: "global/invalid-parameters", message: "quantity must be 1" };
  if (b.name !== undefined && (typeof b.name !== "string" || b.name.length < 1 || b.name.length > 64))
    fieldErrors.name = { code: "global/invalid-parameters", message: "name must be 1-64 characters" };
  if (Object.keys(fieldErrors).length)
    return fail(ctx, 400, "global/invalid-parameters", "Invalid request parameters.", { field_errors: fieldErrors });

  const t = LAMBDA_TYPES.find((x) => x.name === b.instance_type_name);
  if (!t) return fail(ctx, 400, "global/invalid-parameters", `Unknown instance type ${String(b.instance_type_name)}.`);
  const region = String(b.region_name);
  if (!LAMBDA_REGIONS[region]) return fail(ctx, 400, "global/invalid-parameters", `Unknown region ${region}.`);

  const limit = ctx.store.allow(`lambda|${owner}|launch`, 1, ctx.limits.lambdaLaunchIntervalMs);
  if (!limit.ok) {
    return fail(
      ctx,
      429,
      "global/unknown",
      "Too many launch requests: at most one every 12 seconds.",
      {},
      retryAfterHeader(limit.retryAfterMs),
    );
  }
  if (!t.regions.includes(region)) {
    return fail(
      ctx,
      400,
      "instance-operations/launch/insufficient-capacity",
      "Not enough capacity to fulfill launch request.",
      {
        suggestion: "Choose an instance type with more availability, or try again later.",
      },
    );
  }
  const base = {
    provider: "lambda" as const,
    id: hexId(16),
    owner,
    name: typeof b.name === "string" ? b.name : "",
    offerId: `${t.name}@${region}`,
    gpuName: t.gpu_description,
    gpuCount: t.specs.gpus,
    region,
    kind: "vm" as const,
    image: "lambda-stack-22.04",
    diskGb: t.specs.storage_gib,
    sshPublicKey: keys.find((k) => k.name === names[0])?.public_key ?? null,
    priceMicros: t.price_cents_per_hour * 10_000,
    stoppedPriceMicros: 0,
    extra: { type: t.name, region, sshKeyNames: names },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  ctx.send(200, { data: { instance_ids: [inst.id] } });
}

export const lambdaEmulator: ProviderEmulator = {
  provider: "lambda",
  isCreate: (method, path) => method === "POST" && path.replace(/\/+$/, "") === `${API}/instance-operations/launch`,

  fault(kind, ctx, retryAfterS) {
    if (kind === "429")
      fail(ctx, 429, "global/unknown", "Too many requests.", {}, retryAfterHeader(retryAfterS * 1000));
    else fail(ctx, 500, "global/unknown", "An unknown error occurred.", { suggestion: "Try again later." });
  },

  async handle(ctx) {
    const key = bearer(ctx);
    if (!keyAccepted(key)) {
      return fail(ctx, 401, "global/invalid-api-key", "API key was invalid, expired, or deleted.", {
        suggestion: "Check your API key or create a new one, then try again.",
      });
    }
    if (key.startsWith("inactive"))
      return fail(ctx, 403, "global/account-inactive", "Your account is inactive.", {
        suggestion: "Make sure you have verified your email address and have a valid payment method.",
      });
    const { method, path } = ctx;

    if (method === "GET" && match(`${API}/instance-types`, path)) {
      const data = Object.fromEntries(
        LAMBDA_TYPES.map((t) => [
          t.name,
          {
            instance_type: typeView(t),
            regions_with_capacity_available: t.regions.map((r) => ({ name: r, description: LAMBDA_REGIONS[r] })),
          },
        ]),
      );
      return ctx.send(200, { data });
    }
    if (method === "POST" && match(`${API}/instance-operations/launch`, path)) return launch(ctx, key);
    if (method === "POST" && match(`${API}/instance-operations/terminate`, path)) {
      const ids = obj(ctx.body).instance_ids;
      if (!Array.isArray(ids) || ids.length === 0)
        return fail(ctx, 400, "global/invalid-parameters", "instance_ids is required.");
      const found = ids.map((id) => ctx.store.get("lambda", String(id), key));
      if (found.some((i) => !i || i.phase === "destroyed"))
        return fail(ctx, 404, "global/object-does-not-exist", "Specified instance does not exist.");
      for (const i of found) if (i!.phase !== "destroying") ctx.store.setPhase(i!, "destroying");
      return ctx.send(200, { data: { terminated_instances: found.map((i) => instanceView(i!)) } });
    }
    if (method === "POST" && match(`${API}/instance-operations/restart`, path)) {
      const ids = obj(ctx.body).instance_ids;
      const found = (Array.isArray(ids) ? ids : []).map((id) => ctx.store.get("lambda", String(id), key));
      if (found.length === 0 || found.some((i) => !i || i.phase === "destroyed"))
        return fail(ctx, 404, "global/object-does-not-exist", "Specified instance does not exist.");
      for (const i of found) ctx.store.setPhase(i!, "starting");
      return ctx.send(200, { data: { restarted_instances: found.map((i) => instanceView(i!)) } });
    }
    if (method === "GET" && match(`${API}/instances`, path)) {
      return ctx.send(200, {
        data: ctx.store
          .list("lambda", key)
          .filter((i) => i.phase !== "destroyed")
          .map(instanceView),
      });
    }
    const one = match(`${API}/instances/:id`, path);
    if (method === "GET" && one) {
      const i = ctx.store.get("lambda", one.id!, key);
      if (!i || i.phase === "destroyed")
        return fail(ctx, 404, "global/object-does-not-exist", "Specified instance does not exist.");
      return ctx.send(200, { data: instanceView(i) });
    }
    if (match(`${API}/ssh-keys`, path)) {
      const keys = ctx.store.keys<LambdaKey>("lambda", key);
      if (method === "GET") return ctx.send(200, { data: keys });
      if (method === "POST") {
        const b = obj(ctx.body);
        if (typeof b.name !== "string" || !b.name || b.name.length > 64)
          return fail(ctx, 400, "global/invalid-parameters", "name must be 1-64 characters.");
        if (keys.some((k) => k.name === b.name))
          return fail(ctx, 400, "global/invalid-parameters", `An SSH key named ${b.name} already exists.`);
        const entry: LambdaKey = {
          id: hexId(16),
          name: b.name,
          public_key: typeof b.public_key === "string" ? b.public_key.trim() : "ssh-ed25519 AAAAsandboxgenerated",
        };
        keys.push(entry);
        return ctx.send(200, {
          data: {
            ...entry,
            ...(typeof b.public_key === "string"
              ? {}
              : { private_key: "-----BEGIN OPENSSH PRIVATE KEY-----\nsandbox\n-----END OPENSSH PRIVATE KEY-----\n" }),
          },
        });
      }
    }
    const keyRoute = match(`${API}/ssh-keys/:id`, path);
    if (method === "DELETE" && keyRoute) {
      const keys = ctx.store.keys<LambdaKey>("lambda", key);
      const n = keys.findIndex((k) => k.id === keyRoute.id);
      if (n === -1) return fail(ctx, 404, "global/object-does-not-exist", "Specified SSH key does not exist.");
      keys.splice(n, 1);
      return ctx.send(200, { data: {} });
    }
    if (method === "GET" && (match(`${API}/file-systems`, path) || match(`${API}/images`, path)))
      return ctx.send(200, { data: [] });
    return fail(ctx, 404, "global/object-does-not-exist", `No route ${method} ${path}.`);
  },
};
