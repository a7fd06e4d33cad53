// HTTP client of the Lambda Cloud API v1: Bearer key, `{data}`/`{error}` envelope, launches limited to
// one per 12 s. The default host is cloud.lambda.ai, the server of Lambda's current (v1.10) spec.
// dstack's and SkyPilot's Lambda clients still call cloud.lambdalabs.com, which the newer spec marks
// deprecated; a 301 from it would turn our POSTs (launch, terminate) into GETs under fetch's redirect
// rules, so the client calls the new host directly.

import { setupClient, type ClientSetup } from "../shared/client-factory";
import type { AdapterOptions } from "../types";
import { LAMBDA_KEY_URL, lambdaErrorCode, lambdaFailure } from "./errors";
import {
  instanceListResponseSchema,
  instanceResponseSchema,
  instanceTypesResponseSchema,
  launchResponseSchema,
  sshKeyCreateResponseSchema,
  sshKeyListResponseSchema,
} from "./schemas";

export const LAMBDA_LAUNCH_INTERVAL_MS = 12_000;

export interface LambdaLaunchBody {
  region_name: string;
  instance_type_name: string;
  ssh_key_names: [string];
  name: string;
  quantity: 1;
}

export class LambdaClient {
  private readonly c: ClientSetup;

  constructor(opts: AdapterOptions) {
    this.c = setupClient("lambda", opts, {
      keyUrl: LAMBDA_KEY_URL,
      bearer: true,
      failure: (res, ctx) => (res.ok ? null : lambdaFailure(res, ctx)),
    });
  }

  async instanceTypes() {
    const res = await this.c.send({ method: "GET", path: "/instance-types" }, "list instance types");
    return this.c.parse(instanceTypesResponseSchema, res.json, "GET /instance-types").data;
  }

  async launch(body: LambdaLaunchBody) {
    const ctx = this.c.ctx(`launch ${body.instance_type_name} in ${body.region_name}`, true);
    const res = await this.c.http.request({
      method: "POST",
      path: "/instance-operations/launch",
      json: body,
      idempotent: false,
      limiter: this.c.orderLimiter("launch", LAMBDA_LAUNCH_INTERVAL_MS),
    });
    if (!res.ok) throw lambdaFailure(res, ctx, { type: body.instance_type_name, region: body.region_name });
    return this.c.parse(launchResponseSchema, res.json, "POST /instance-operations/launch").data.instance_ids;
  }

  async listInstances() {
    const res = await this.c.send({ method: "GET", path: "/instances" }, "list instances");
    return this.c.parse(instanceListResponseSchema, res.json, "GET /instances").data;
  }

  async getInstance(id: string) {
    const res = await this.c.send(
      { method: "GET", path: `/instances/${encodeURIComponent(id)}` },
      `get instance ${id}`,
    );
    return this.c.parse(instanceResponseSchema, res.json, "GET /instances/{id}").data;
  }

  /** Returns false when the instance was already gone. */
  async terminate(id: string): Promise<boolean> {
    const res = await this.c.http.request({
      method: "POST",
      path: "/instance-operations/terminate",
      json: { instance_ids: [id] },
      // Terminating twice has the same effect as once.
      idempotent: true,
    });
    if (res.status === 404 || lambdaErrorCode(res) === "global/object-does-not-exist") return false;
    this.c.check(res, this.c.ctx(`terminate instance ${id}`));
    return true;
  }

  async sshKeys() {
    const res = await this.c.send({ method: "GET", path: "/ssh-keys" }, "list SSH keys");
    return this.c.parse(sshKeyListResponseSchema, res.json, "GET /ssh-keys").data;
  }

  async addSshKey(name: string, publicKey: string) {
    const res = await this.c.send(
      { method: "POST", path: "/ssh-keys", json: { name, public_key: publicKey }, idempotent: false },
      "add an SSH key",
    );
    return this.c.parse(sshKeyCreateResponseSchema, res.json, "POST /ssh-keys").data;
  }
}
