// HTTP client of RunPod REST v2: Bearer key, JSON, wrapped lists, RFC 9457 errors.
// v1 (rest.runpod.io/v1) retires on 2026-11-15, GraphQL in early 2027; neither is used.

import type { HttpResponse } from "@/lib/http";
import { setupClient, type ClientSetup } from "../shared/client-factory";
import type { FailureContext } from "../shared/errors";
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
    this.c = setupClient("runpod", opts, { keyUrl: RUNPOD_KEY_URL, bearer: true });
  }

  private check(res: HttpResponse, ctx: FailureContext): HttpResponse {
    if (!res.ok) throw runpodFailure(res, ctx);
    return res;
  }

  /** GPU types with prices and per-cloud ceilings; `availability` is the stock in `cloud` (RunPod's default is SECURE). */
  async gpuCatalog(cloud: "SECURE" | "COMMUNITY") {
    const ctx = this.c.ctx(`list ${cloud.toLowerCase()} cloud GPU types`);
    const res = this.check(
      await this.c.http.request({ method: "GET", path: "/catalog/gpus", query: { include: "AVAILABILITY", product: "POD", cloud } }),
      ctx,
    );
    return this.c.parse(gpuCatalogSchema, res.json, "GET /v2/catalog/gpus");
  }

  async createPod(body: RunpodCreateBody) {
    const ctx = this.c.ctx(`create a pod with ${body.gpu.count}x ${body.gpu.id}`, true);
    const res = this.check(await this.c.http.request({ method: "POST", path: "/pods", json: body, idempotent: false }), ctx);
    return this.c.parse(podSchema, res.json, "POST /v2/pods");
  }

  async listPods() {
    const ctx = this.c.ctx("list pods");
    const res = this.check(await this.c.http.request({ method: "GET", path: "/pods" }), ctx);
    return this.c.parse(podListSchema, res.json, "GET /v2/pods").pods;
  }

  async getPod(id: string) {
    const ctx = this.c.ctx(`get pod ${id}`);
    const res = this.check(await this.c.http.request({ method: "GET", path: `/pods/${encodeURIComponent(id)}` }), ctx);
    return this.c.parse(podSchema, res.json, "GET /v2/pods/{id}");
  }

  /** 409 when the action is not valid in the pod's current status (see runpodFailure). */
  async action(id: string, action: "start" | "stop") {
    const ctx = this.c.ctx(`${action} pod ${id}`);
    this.check(
      await this.c.http.request({ method: "POST", path: `/pods/${encodeURIComponent(id)}/action`, json: { action }, idempotent: true }),
      ctx,
    );
  }

  /** Returns false when the pod was already gone. */
  async deletePod(id: string): Promise<boolean> {
    const ctx = this.c.ctx(`terminate pod ${id}`);
    const res = await this.c.http.request({ method: "DELETE", path: `/pods/${encodeURIComponent(id)}` });
    if (res.status === 404) return false;
    this.check(res, ctx);
    return true;
  }

  async sshKeys() {
    const ctx = this.c.ctx("read the account's SSH keys");
    const res = this.check(await this.c.http.request({ method: "GET", path: "/account/ssh-keys" }), ctx);
    return this.c.parse(sshKeysSchema, res.json, "GET /v2/account/ssh-keys").keys;
  }
}
