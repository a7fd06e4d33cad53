// HTTP client of TensorDock API v2: Bearer token, JSON bodies, 100 requests/minute per organisation.

import { setupClient, type ClientSetup } from "../shared/client-factory";
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
    this.c = setupClient("tensordock", opts, {
      keyUrl: TENSORDOCK_KEY_URL,
      bearer: true,
      requestsPerMinute: 100,
      // An error status, or an error reported inside a 2xx body.
      failure: (res, ctx) => {
        const failed = asFailedResponse(res);
        return failed && tensordockFailure(failed, ctx);
      },
    });
  }

  async locations() {
    const res = await this.c.send({ method: "GET", path: "/locations" }, "list GPU locations");
    return this.c.parse(locationsResponseSchema, res.json, "GET /locations").data.locations;
  }

  async listInstances() {
    const res = await this.c.send({ method: "GET", path: "/instances" }, "list instances");
    return this.c.parse(instanceListSchema, extractInstanceList(res.json), "GET /instances");
  }

  async getInstance(id: string) {
    const res = await this.c.send(
      { method: "GET", path: `/instances/${encodeURIComponent(id)}` },
      `get instance ${id}`,
    );
    return this.c.parse(instanceSchema, flattenResource(res.json), "GET /instances/{id}");
  }

  async createInstance(body: TdCreateBody) {
    const res = await this.c.send(
      {
        method: "POST",
        path: "/instances",
        json: { data: { type: "virtualmachine", attributes: { ...body, type: "virtualmachine" } } },
        idempotent: false,
      },
      `create an instance with ${Object.keys(body.resources.gpus).join(", ")}`,
      true,
    );
    return this.c.parse(createResponseSchema, res.json, "POST /instances").data;
  }

  async action(id: string, action: "start" | "stop") {
    // Starting a started VM is harmless, so these may be retried.
    await this.c.send(
      { method: "POST", path: `/instances/${encodeURIComponent(id)}/${action}`, idempotent: true },
      `${action} instance ${id}`,
    );
  }

  /** Returns false when the instance was already gone. */
  async deleteInstance(id: string): Promise<boolean> {
    const res = await this.c.http.request({ method: "DELETE", path: `/instances/${encodeURIComponent(id)}` });
    const failed = asFailedResponse(res);
    if (failed && (failed.status === 404 || /already (terminated|deleted)|not found/i.test(failed.text))) return false;
    this.c.check(res, this.c.ctx(`delete instance ${id}`));
    return true;
  }
}
