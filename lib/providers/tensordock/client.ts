// HTTP client of TensorDock API v2: Bearer token, JSON bodies, 100 requests/minute per organisation.

import type { HttpResponse } from "@/lib/http";
import { setupClient, type ClientSetup } from "../shared/client-factory";
import type { FailureContext } from "../shared/errors";
import type { AdapterOptions } from "../types";
import { TENSORDOCK_KEY_URL, asFailedResponse, tensordockFailure } from "./errors";
import {
  createResponseSchema,
  extractInstanceList,
  flattenResource,
  instanceListSchema,
  instanceSchema,
  locationsResponseSchema,
} from "./schemas";

export interface TdCreateBody {
  name: string;
  image: string;
  resources: { vcpu_count: number; ram_gb: number; storage_gb: number; gpus: Record<string, { count: number }> };
  location_id: string;
  /** Only where the location offers a dedicated IP (the others forward ports instead). */
  useDedicatedIp: boolean;
  ssh_key: string;
}

export class TensorDockClient {
  private readonly c: ClientSetup;

  constructor(opts: AdapterOptions) {
    this.c = setupClient("tensordock", opts, { keyUrl: TENSORDOCK_KEY_URL, bearer: true, requestsPerMinute: 100 });
  }

  /** Throws on an error status, and on an error reported inside a 2xx body. */
  private check(res: HttpResponse, ctx: FailureContext): HttpResponse {
    const failed = asFailedResponse(res);
    if (failed) throw tensordockFailure(failed, ctx);
    return res;
  }

  async locations() {
    const ctx = this.c.ctx("list GPU locations");
    const res = this.check(await this.c.http.request({ method: "GET", path: "/locations" }), ctx);
    return this.c.parse(locationsResponseSchema, res.json, "GET /locations").data.locations;
  }

  async listInstances() {
    const ctx = this.c.ctx("list instances");
    const res = this.check(await this.c.http.request({ method: "GET", path: "/instances" }), ctx);
    return this.c.parse(instanceListSchema, extractInstanceList(res.json), "GET /instances");
  }

  async getInstance(id: string) {
    const ctx = this.c.ctx(`get instance ${id}`);
    const res = this.check(await this.c.http.request({ method: "GET", path: `/instances/${encodeURIComponent(id)}` }), ctx);
    return this.c.parse(instanceSchema, flattenResource(res.json), "GET /instances/{id}");
  }

  async createInstance(body: TdCreateBody) {
    const ctx = this.c.ctx(`create an instance with ${Object.keys(body.resources.gpus).join(", ")}`, true);
    const res = this.check(
      await this.c.http.request({
        method: "POST",
        path: "/instances",
        json: { data: { type: "virtualmachine", attributes: { ...body, type: "virtualmachine" } } },
        idempotent: false,
      }),
      ctx,
    );
    return this.c.parse(createResponseSchema, res.json, "POST /instances").data;
  }

  async action(id: string, action: "start" | "stop") {
    const ctx = this.c.ctx(`${action} instance ${id}`);
    // Starting a started VM is harmless, so these may be retried.
    this.check(await this.c.http.request({ method: "POST", path: `/instances/${encodeURIComponent(id)}/${action}`, idempotent: true }), ctx);
  }

  /** Returns false when the instance was already gone. */
  async deleteInstance(id: string): Promise<boolean> {
    const ctx = this.c.ctx(`delete instance ${id}`);
    const res = await this.c.http.request({ method: "DELETE", path: `/instances/${encodeURIComponent(id)}` });
    const failed = asFailedResponse(res);
    if (failed && (failed.status === 404 || /already (terminated|deleted)|not found/i.test(failed.text))) return false;
    this.check(res, ctx);
    return true;
  }
}
