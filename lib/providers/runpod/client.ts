// HTTP client of RunPod REST v2: Bearer key, JSON, wrapped lists, RFC 9457 errors.
// v1 (rest.runpod.io/v1) retires on 2026-11-15, GraphQL in early 2027; neither is used.

import { setupClient, type ClientSetup } from "../shared/client-factory";
import type { AdapterOptions } from "../types";
import { RUNPOD_KEY_URL, runpodFailure } from "./errors";
import { gpuCatalogSchema, podListSchema, podSchema, sshKeysSchema } from "./schemas";

export interface RunpodCreateBody {
  name: string;
  image: string;
  cloud: "SECURE" | "COMMUNITY";
  gpu: { id: string; count: number };
  disk: number;
  ports: string[];
  env: Record<string, string>;
  startSsh: boolean;
}

export class RunpodClient {
  private readonly c: ClientSetup;

  constructor(opts: AdapterOptions) {
    this.c = setupClient("runpod", opts, {
      keyUrl: RUNPOD_KEY_URL,
      bearer: true,
      failure: (res, ctx) => (res.ok ? null : runpodFailure(res, ctx)),
    });
  }

  /** GPU types with prices and per-cloud ceilings; `availability` is the stock in `cloud` (RunPod's default is SECURE). */
  async gpuCatalog(cloud: "SECURE" | "COMMUNITY") {
    const res = await this.c.send(
      { method: "GET", path: "/catalog/gpus", query: { include: "AVAILABILITY", product: "POD", cloud } },
      `list ${cloud.toLowerCase()} cloud GPU types`,
    );
    return this.c.parse(gpuCatalogSchema, res.json, "GET /v2/catalog/gpus");
  }

  async createPod(body: RunpodCreateBody) {
    const res = await this.c.send(
      { method: "POST", path: "/pods", json: body, idempotent: false },
      `create a pod with ${body.gpu.count}x ${body.gpu.id}`,
      true,
    );
    return this.c.parse(podSchema, res.json, "POST /v2/pods");
  }

  async listPods() {
    const res = await this.c.send({ method: "GET", path: "/pods" }, "list pods");
    return this.c.parse(podListSchema, res.json, "GET /v2/pods").pods;
  }

  async getPod(id: string) {
    const res = await this.c.send({ method: "GET", path: `/pods/${encodeURIComponent(id)}` }, `get pod ${id}`);
    return this.c.parse(podSchema, res.json, "GET /v2/pods/{id}");
  }

  /** 409 when the action is not valid in the pod's current status (see runpodFailure). */
  async action(id: string, action: "start" | "stop") {
    await this.c.send(
      { method: "POST", path: `/pods/${encodeURIComponent(id)}/action`, json: { action }, idempotent: true },
      `${action} pod ${id}`,
    );
  }

  /** Returns false when the pod was already gone. */
  async deletePod(id: string): Promise<boolean> {
    const res = await this.c.http.request({ method: "DELETE", path: `/pods/${encodeURIComponent(id)}` });
    if (res.status === 404) return false;
    this.c.check(res, this.c.ctx(`terminate pod ${id}`));
    return true;
  }

  async sshKeys() {
    const res = await this.c.send({ method: "GET", path: "/account/ssh-keys" }, "read the account's SSH keys");
    return this.c.parse(sshKeysSchema, res.json, "GET /v2/account/ssh-keys").keys;
  }
}
