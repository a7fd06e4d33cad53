// RunPod REST v2 as reference §2c documents it, under /runpod/v2: wrapped lists, 201 on create,
// RFC 9457 problem errors, `POST /pods/{id}/action`, ssh.direct once the pod runs.

import { usdToMicros } from "@/lib/providers/shared/money";
import { bearer, keyAccepted, match, obj, retryAfterHeader, type ApiContext, type ProviderEmulator } from "../http";
import { RUNPOD_GPUS } from "../inventory";
import { hexId, info } from "../store";
import type { Phase, SimInstance } from "../types";

const NO_CAPACITY = "There are no longer any instances available with the requested specifications. Please refresh and try again.";

function problem(ctx: ApiContext, status: number, title: string, detail: string, errors?: string[], headers?: Record<string, string>) {
  ctx.res.setHeader("content-type", "application/problem+json");
  ctx.send(status, { title, status, detail, ...(errors ? { errors } : {}) }, headers);
}

const STATUS: Record<Phase, string> = {
  creating: "PROVISIONING",
  booting: "STARTING",
  running: "RUNNING",
  stopping: "RUNNING",
  stopped: "EXITED",
  starting: "STARTING",
  destroying: "TERMINATED",
  destroyed: "TERMINATED",
  failed: "ERROR",
};

function inUse(ctx: ApiContext, gpuId: string): number {
  return ctx.store
    .list("runpod")
    .filter((i) => i.extra.gpuId === gpuId && i.phase !== "destroyed" && i.phase !== "failed")
    .reduce((s, i) => s + i.gpuCount, 0);
}

function podView(i: SimInstance) {
  const status = STATUS[i.phase];
  const up = status === "RUNNING";
  return {
    id: i.id,
    name: i.name,
    status,
    actions: up ? ["stop", "restart", "terminate"] : status === "EXITED" ? ["start", "terminate"] : ["terminate"],
    cost: up ? i.priceMicros / 1e6 : 0,
    image: i.image,
    cloud: i.extra.cloud,
    gpu: { id: i.extra.gpuId, count: i.gpuCount, displayName: i.gpuName },
    // The real proxy (ssh.runpod.io) is unreachable from here, so only direct is given.
    ssh: { proxy: null, direct: up ? { host: i.ssh.host, port: i.ssh.port, username: "root", command: `ssh root@${i.ssh.host} -p ${i.ssh.port}` } : null },
    runtime: up ? { ports: [{ private: 22, public: i.ssh.port, type: "tcp", ip: i.ssh.host }] } : null,
    cudaVersion: "12.4",
    dataCenterId: "US-TX-3",
    createdAt: new Date(i.createdAt).toISOString(),
    startedAt: up ? new Date(i.phaseSince).toISOString() : null,
    locked: false,
  };
}

async function create(ctx: ApiContext, owner: string) {
  const b = obj(ctx.body);
  const errors: string[] = [];
  if (typeof b.name !== "string" || !b.name) errors.push("name is required");
  if ((typeof b.image !== "string" || !b.image) && !b.templateId) errors.push("image is required unless templateId is set");
  if (!b.gpu === !b.cpu) errors.push("exactly one of gpu or cpu is required");
  if (errors.length) return problem(ctx, 400, "Bad Request", "The request body is invalid.", errors);
  const g = obj(b.gpu);
  const type = RUNPOD_GPUS.find((t) => t.id === g.id);
  if (!type) return problem(ctx, 400, "Bad Request", `Unknown GPU type "${String(g.id)}".`);
  const count = Number(g.count ?? 1);
  const cloud = b.cloud === "COMMUNITY" ? "COMMUNITY" : "SECURE";
  const price = cloud === "COMMUNITY" ? type.price.community : type.price.secure;
  if (price == null || count > type.maxCount - inUse(ctx, type.id)) return problem(ctx, 400, "Bad Request", NO_CAPACITY);
  const env = obj(b.env);
  const base = {
    provider: "runpod" as const,
    id: hexId(7).slice(0, 14),
    owner,
    name: b.name as string,
    offerId: `${cloud}:${type.id}`,
    gpuName: type.name,
    gpuCount: count,
    region: "US-TX-3",
    kind: "container" as const,
    image: String(b.image ?? ""),
    diskGb: Number(b.disk ?? 50),
    sshPublicKey: typeof env.PUBLIC_KEY === "string" ? env.PUBLIC_KEY : (ctx.store.keys<string>("runpod", owner).at(-1) ?? null),
    priceMicros: usdToMicros(price) * count,
    // Container disk only: nothing bills while EXITED.
    stoppedPriceMicros: 0,
    extra: { gpuId: type.id, cloud },
  };
  const ssh = await ctx.sshEndpoint(info(base));
  const inst = ctx.store.create({ ...base, ssh });
  ctx.send(201, podView(inst));
}

export const runpodEmulator: ProviderEmulator = {
  provider: "runpod",
  isCreate: (method, path) => method === "POST" && path.replace(/\/+$/, "") === "/v2/pods",

  fault(kind, ctx, retryAfterS) {
    if (kind === "429") problem(ctx, 429, "Too Many Requests", "Rate limit exceeded. Slow down.", undefined, retryAfterHeader(retryAfterS * 1000));
    else problem(ctx, 503, "Service Unavailable", "The service is temporarily unavailable.");
  },

  async handle(ctx) {
    const key = bearer(ctx);
    if (!keyAccepted(key)) return problem(ctx, 401, "Unauthorized", "Invalid or missing API key.");
    if (key.startsWith("noperm")) return problem(ctx, 403, "Forbidden", "This API key does not have permission for this operation.");
    const { method, path } = ctx;

    if (method === "GET" && match("/v2/catalog/gpus", path)) {
      const withAvail = ctx.query.get("include")?.includes("AVAILABILITY");
      return ctx.send(200, {
        gpus: RUNPOD_GPUS.map((t) => ({
          ...t,
          displayName: t.name,
          pool: t.name.split(" ")[0],
          manufacturer: "Nvidia",
          maxCount: Math.max(0, t.maxCount - inUse(ctx, t.id)),
          ...(withAvail ? { availability: { stockStatus: t.maxCount - inUse(ctx, t.id) > 0 ? "High" : null }, cudaVersions: ["12.4", "12.6"] } : {}),
        })),
      });
    }
    if (match("/v2/account/ssh-keys", path)) {
      const keys = ctx.store.keys<string>("runpod", key);
      if (method === "PUT") {
        const next = obj(ctx.body).keys;
        if (!Array.isArray(next)) return problem(ctx, 400, "Bad Request", "keys must be an array of strings.");
        keys.splice(0, keys.length, ...next.map(String));
      }
      return ctx.send(200, { keys });
    }
    if (method === "GET" && match("/v2/pods", path)) {
      return ctx.send(200, { pods: ctx.store.list("runpod", key).filter((i) => i.phase !== "destroyed").map(podView) });
    }
    if (method === "POST" && match("/v2/pods", path)) return create(ctx, key);

    const one = match("/v2/pods/:id", path);
    const act = match("/v2/pods/:id/action", path);
    const id = one?.id ?? act?.id;
    if (!id) return problem(ctx, 404, "Not Found", `No route ${method} ${path}.`);
    const inst = ctx.store.get("runpod", id, key);
    if (!inst || inst.phase === "destroyed") return problem(ctx, 404, "Not Found", `Pod ${id} not found.`);

    if (one && method === "GET") return ctx.send(200, podView(inst));
    if (one && method === "DELETE") {
      ctx.store.setPhase(inst, "destroyed");
      ctx.res.statusCode = 204;
      return void ctx.res.end();
    }
    if (act && method === "POST") {
      const action = obj(ctx.body).action;
      const allowed = podView(inst).actions;
      if (typeof action !== "string" || !["start", "stop", "restart", "terminate"].includes(action)) {
        return problem(ctx, 400, "Bad Request", "action must be one of start, stop, restart, terminate.");
      }
      if (!allowed.includes(action)) return problem(ctx, 400, "Bad Request", `Action ${action} is not valid for a pod in status ${STATUS[inst.phase]}.`);
      if (action === "stop") ctx.store.setPhase(inst, "stopped");
      else if (action === "start" || action === "restart") ctx.store.setPhase(inst, "starting");
      else ctx.store.setPhase(inst, "destroyed");
      return ctx.send(200, podView(inst));
    }
    return problem(ctx, 404, "Not Found", `No route ${method} ${path}.`);
  },
};
