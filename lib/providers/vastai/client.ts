// HTTP client of the Vast.ai REST API v0 (console.vast.ai/api/v0, as vast-cli calls it): Bearer
// key, JSON, trailing slashes on paths as vast-cli sends them. Creates are limited to one per 4.5 s
// per identity (the create-instance reference's x-rate-limit).

import { setupClient, type ClientSetup } from "../shared/client-factory";
import type { AdapterOptions } from "../types";
import { VAST_KEY_URL, isVastAuthError, isVastError, vastErrorBody, vastFailure } from "./errors";
import {
  createResponseSchema,
  listResponseSchema,
  offersResponseSchema,
  showResponseSchema,
  sshKeyListSchema,
  type VastInstance,
} from "./schemas";

/** Documented create threshold: 4.5 s between calls (penalty 12 s when exceeded). */
export const VAST_CREATE_INTERVAL_MS = 4_500;

export interface VastCreateBody {
  client_id: "me";
  image: string;
  disk: number;
  label: string;
  runtype: string;
  target_state: "running";
  cancel_unavail: boolean;
  vm?: boolean;
}

export class VastClient {
  private readonly c: ClientSetup;

  constructor(opts: AdapterOptions) {
    this.c = setupClient("vastai", opts, {
      keyUrl: VAST_KEY_URL,
      bearer: true,
      failure: (res, ctx) => (isVastError(res) ? vastFailure(res, ctx) : null),
    });
  }

  async searchOffers(query: Record<string, unknown>) {
    // A search is a read even though it is a POST.
    const res = await this.c.send(
      { method: "POST", path: "/bundles/", json: query, idempotent: true },
      "search offers",
    );
    return this.c.parse(offersResponseSchema, res.json, "POST /bundles/").offers;
  }

  async createInstance(askId: number, body: VastCreateBody) {
    const ctx = this.c.ctx(`create an instance on offer ${askId}`, true);
    const res = await this.c.http.request({
      method: "PUT",
      path: `/asks/${askId}/`,
      json: body,
      idempotent: false,
      limiter: this.c.orderLimiter("create", VAST_CREATE_INTERVAL_MS),
    });
    const parsed = createResponseSchema.safeParse(res.json);
    // Vast can return an error *and* a new_contract (a spot instance created stopped): hand back
    // the id with the error so the caller can clean up.
    if (isVastError(res)) {
      const err = vastFailure(res, ctx);
      if (parsed.success) (err as { newContract?: number }).newContract = parsed.data.new_contract;
      throw err;
    }
    return this.c.parse(createResponseSchema, res.json, "PUT /asks/{id}/");
  }

  /** Null when the instance does not exist. */
  async showInstance(id: string): Promise<VastInstance | null> {
    const res = await this.c.http.request({
      method: "GET",
      path: `/instances/${encodeURIComponent(id)}/`,
      query: { owner: "me" },
    });
    if (res.status === 404) return null;
    this.c.check(res, this.c.ctx(`get instance ${id}`));
    const body = this.c.parse(showResponseSchema, res.json, "GET /instances/{id}/");
    const i = Array.isArray(body.instances) ? body.instances[0] : body.instances;
    if (!i) return null;
    return { ...i, id: i.id ?? Number(id) };
  }

  async listInstances() {
    const res = await this.c.send({ method: "GET", path: "/instances/", query: { owner: "me" } }, "list instances");
    return this.c.parse(listResponseSchema, res.json, "GET /instances/").instances;
  }

  async setState(id: string, state: "running" | "stopped") {
    await this.c.send(
      { method: "PUT", path: `/instances/${encodeURIComponent(id)}/`, json: { state }, idempotent: true },
      `${state === "running" ? "start" : "stop"} instance ${id}`,
    );
  }

  /** Returns false when the instance was already gone. */
  async destroyInstance(id: string): Promise<boolean> {
    const res = await this.c.http.request({ method: "DELETE", path: `/instances/${encodeURIComponent(id)}/` });
    const { code } = vastErrorBody(res);
    if (res.status === 404 || code === "no_such_instance" || code === "not_found") return false;
    this.c.check(res, this.c.ctx(`destroy instance ${id}`));
    return true;
  }

  async listSshKeys() {
    const res = await this.c.http.request({ method: "GET", path: "/ssh/" });
    // An account without keys answers 404 "No SSH keys found": an empty list, not a failure. A bad
    // key can also come back as 404 ("Invalid user key"), so that one still fails.
    if (res.status === 404 && !isVastAuthError(res)) return [];
    this.c.check(res, this.c.ctx("list SSH keys"));
    return this.c.parse(sshKeyListSchema, res.json, "GET /ssh/");
  }

  async addSshKey(publicKey: string) {
    await this.c.send(
      { method: "POST", path: "/ssh/", json: { ssh_key: publicKey }, idempotent: false },
      "add an SSH key",
    );
  }
}
