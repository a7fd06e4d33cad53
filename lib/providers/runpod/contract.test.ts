// The RunPod client fed RunPod's own documented examples (fixtures/, sources in fixtures/SOURCES.md)
// through AdapterOptions.fetch, with the status each example is documented under. A change of shape
// on either side fails here rather than in production.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { priceOfOrder } from "../shared/price-parts";
import { expectRejection } from "@/test/providers/conformance";
import { contractOptions, fixtureFetch, type FixtureAnswer, type SeenRequest } from "@/test/providers/fixture-fetch";
import type { ProviderAdapter } from "../types";
import { createRunpodAdapter } from "./adapter";

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"));

type Answer = FixtureAnswer;
type Seen = SeenRequest;

/** A fetch that answers "METHOD /path" (below /v2) from a table, recording each request. */
function fakeRunpod(routes: Record<string, Answer | ((seen: Seen) => Answer)>) {
  const below = (r: SeenRequest): Seen => ({ ...r, path: r.path.replace(/^\/v2/, "") });
  const { fetch, seen } = fixtureFetch(
    (r) => {
      const route = routes[`${r.method} ${below(r).path}`];
      const a = typeof route === "function" ? route(below(r)) : route;
      return a && a.status >= 400 ? { ...a, contentType: "application/problem+json" } : a;
    },
    { status: 404, body: fixture("error-404.json"), contentType: "application/problem+json" },
  );
  const adapter: ProviderAdapter = createRunpodAdapter(contractOptions("https://api.runpod.io/v2", fetch));
  return { adapter, seen };
}

const rejection = (p: Promise<unknown>) => expectRejection(p);

const CREATE = {
  machineId: "m-contract-1",
  offerId: "SECURE:NVIDIA GeForce RTX 4090",
  gpuCount: 1,
  diskGb: 50,
  sshPublicKey: "ssh-ed25519 AAAA test",
  name: "contract",
};

describe("RunPod GpuType example (GET /v2/catalog/gpus)", () => {
  it("lists one offer per cloud with the per-cloud maxCount and every billed part", async () => {
    const { adapter, seen } = fakeRunpod({
      "GET /catalog/gpus": { status: 200, body: fixture("list-gpu-types.200.json") },
    });
    const offers = await adapter.listOffers();
    expect(seen.map((s) => s.query.get("cloud")).sort()).toEqual(["COMMUNITY", "SECURE"]);
    expect(seen.every((s) => s.query.get("include") === "AVAILABILITY" && s.query.get("product") === "POD")).toBe(true);

    const byId = Object.fromEntries(offers.map((o) => [o.id, o]));
    // $0.44 + 50 GB container disk (137 µ$/GB-h) + 20 GB volume at $0.20/GB/month (5_479 µ$/h)
    expect(byId["SECURE:NVIDIA GeForce RTX 4090"]).toMatchObject({
      gpuModel: "RTX 4090",
      vramGb: 24,
      maxGpuCount: 8,
      available: true,
      pricePerHourMicros: 440_000 + 6_850 + 5_479,
      stoppedPricePerHourMicros: 5_479,
    });
    expect(byId["COMMUNITY:NVIDIA GeForce RTX 4090"]).toMatchObject({
      maxGpuCount: 4,
      available: true,
      pricePerHourMicros: 310_000 + 6_850 + 5_479,
    });
    for (const o of offers) {
      const p = priceOfOrder(o.priceParts, { gpuCount: o.gpuCount, diskGb: o.listedDiskGb });
      expect([p.runningMicros, p.stoppedMicros]).toEqual([o.pricePerHourMicros, o.stoppedPricePerHourMicros]);
    }
  });

  it("marks the offer unavailable when the same example reports availability NONE", async () => {
    const body = fixture("list-gpu-types.200.json") as { gpus: Record<string, unknown>[] };
    const none = { gpus: body.gpus.map((g) => ({ ...g, availability: "NONE", dataCenters: undefined })) };
    const { adapter } = fakeRunpod({ "GET /catalog/gpus": { status: 200, body: none } });
    expect(await adapter.listOffers()).toEqual([]);
    expect((await adapter.listOffers({ includeUnavailable: true })).map((o) => o.available)).toEqual([false, false]);
  });

  it("still reads the older single-number maxCount", async () => {
    const body = fixture("list-gpu-types.200.json") as { gpus: Record<string, unknown>[] };
    const old = { gpus: body.gpus.map((g) => ({ ...g, maxCount: 2 })) };
    const { adapter } = fakeRunpod({ "GET /catalog/gpus": { status: 200, body: old } });
    expect((await adapter.listOffers()).map((o) => o.maxGpuCount)).toEqual([2, 2]);
  });
});

describe("RunPod Pod examples", () => {
  it("create (201, PROVISIONING): no SSH yet, and the proxy is not taken as one; the 20 GB volume is reported", async () => {
    const { adapter, seen } = fakeRunpod({ "POST /pods": { status: 201, body: fixture("create-pod.201.json") } });
    const inst = await adapter.createInstance(CREATE);
    expect(inst).toMatchObject({
      id: "7h9k2m4n6p",
      status: "creating",
      rawStatus: "PROVISIONING",
      ssh: null,
      gpuModel: "RTX 4090",
      gpuCount: 1,
    });
    expect(inst.extra.volumeGb).toBe(20);
    expect(inst.extra.sshUnavailable).toBeUndefined();
    expect(seen[0]!.body).toMatchObject({
      cloud: "SECURE",
      gpu: { id: "NVIDIA GeForce RTX 4090", count: 1 },
      disk: 50,
      ports: ["22/tcp"],
      startSsh: true,
      env: { PUBLIC_KEY: CREATE.sshPublicKey },
    });
  });

  it("get (200, RUNNING): SSH is ssh.direct as root; the price adds the pod's disk and volume to its cost", async () => {
    const { adapter } = fakeRunpod({ "GET /pods/7h9k2m4n6p": { status: 200, body: fixture("get-pod.200.json") } });
    const inst = await adapter.getInstance("7h9k2m4n6p");
    // cost $0.44 + 50 GB container disk + 20 GB volume: the same figure as the GpuType example's secure offer.
    expect(inst).toMatchObject({
      status: "running",
      ssh: { host: "195.26.233.3", port: 34446, user: "root" },
      pricePerHourMicros: 440_000 + 6_850 + 5_479,
    });
    expect(inst.extra).toMatchObject({ costUsdPerHour: 0.44, volumeGb: 20 });
  });

  it("get of the same pod without ssh.direct falls back to the runtime port mapping, never to the proxy", async () => {
    const pod = fixture("get-pod.200.json") as Record<string, unknown>;
    const ssh = pod.ssh as Record<string, unknown>;
    const { adapter } = fakeRunpod({
      "GET /pods/a": { status: 200, body: { ...pod, id: "a", ssh: { ...ssh, direct: null } } },
      "GET /pods/b": {
        status: 200,
        body: { ...pod, id: "b", ssh: { ...ssh, direct: null }, runtime: { uptime: 3600, ports: [] } },
      },
    });
    expect((await adapter.getInstance("a")).ssh).toEqual({ host: "195.26.233.3", port: 34446, user: "root" });
    const b = await adapter.getInstance("b");
    expect(b.ssh).toBeNull();
    expect(b.extra.sshUnavailable).toMatch(/no public SSH port.*interactive only/s);
  });

  it("list (200): pods under `pods`", async () => {
    const { adapter } = fakeRunpod({ "GET /pods": { status: 200, body: fixture("list-pods.200.json") } });
    const list = await adapter.listInstances();
    expect(list.map((i) => [i.id, i.status, i.ssh?.port])).toEqual([["7h9k2m4n6p", "running", 34446]]);
  });

  it("SSH keys (200): verifyKey passes", async () => {
    const { adapter } = fakeRunpod({
      "GET /account/ssh-keys": { status: 200, body: fixture("get-ssh-keys.200.json") },
    });
    await adapter.verifyKey();
  });
});

describe("RunPod error responses", () => {
  it("401 (UnauthorizedError example) is auth", async () => {
    const { adapter } = fakeRunpod({ "GET /account/ssh-keys": { status: 401, body: fixture("error-401.json") } });
    expect((await rejection(adapter.verifyKey())).code).toBe("auth");
  });

  it("403 on create (ForbiddenError example) speaks of the pool or the key's permission, not a bad key", async () => {
    const { adapter } = fakeRunpod({ "POST /pods": { status: 403, body: fixture("error-403.json") } });
    const e = await rejection(adapter.createInstance(CREATE));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toMatch(/no access to that GPU pool, or the API key lacks write permission/);
    expect(e.message).toContain("access denied");
  });

  it("403 on a read (ForbiddenError example) is auth with a permission hint", async () => {
    const { adapter } = fakeRunpod({ "GET /pods": { status: 403, body: fixture("error-403.json") } });
    const e = await rejection(adapter.listInstances());
    expect(e.code).toBe("auth");
    expect(e.message).toMatch(/lacks permission/);
  });

  it("404 (NotFoundError example) is not_found", async () => {
    const { adapter } = fakeRunpod({});
    expect((await rejection(adapter.getInstance("gone"))).code).toBe("not_found");
  });

  it("400 and 422 (BadRequestError, UnprocessableEntityError examples) are invalid_request with RunPod's words", async () => {
    for (const [status, file] of [
      [400, "error-400.json"],
      [422, "error-422.json"],
    ] as const) {
      const { adapter } = fakeRunpod({ "POST /pods": { status, body: fixture(file) } });
      const e = await rejection(adapter.createInstance(CREATE));
      expect(e.code).toBe("invalid_request");
      expect(e.message).toContain((fixture(file) as { detail: string }).detail);
    }
  });

  it("429 (TooManyRequestsError example) is rate_limited", async () => {
    const { adapter } = fakeRunpod({ "GET /pods": { status: 429, body: fixture("error-429.json") } });
    expect((await rejection(adapter.listInstances())).code).toBe("rate_limited");
  });

  // 402 and 409 are documented by status and meaning only, without an example body.
  it("402 says the balance is too low and where to add funds", async () => {
    const { adapter } = fakeRunpod({ "POST /pods": { status: 402 } });
    const e = await rejection(adapter.createInstance(CREATE));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toMatch(
      /balance is too low \(HTTP 402\)\. Add funds at https:\/\/www\.console\.runpod\.io\/user\/billing/,
    );
  });

  it("409 on stop says the action is not valid in the pod's status and names the actions allowed", async () => {
    const { adapter } = fakeRunpod({
      "POST /pods/7h9k2m4n6p/action": { status: 409 },
      "GET /pods/7h9k2m4n6p": { status: 200, body: fixture("create-pod.201.json") },
    });
    // The create example is PROVISIONING with actions [start, terminate]: start counts as under way.
    await adapter.start!("7h9k2m4n6p");
    const e = await rejection(adapter.stop!("7h9k2m4n6p"));
    expect(e.code).toBe("invalid_request");
    expect(e.status).toBe(409);
    expect(e.message).toMatch(
      /RunPod cannot stop pod 7h9k2m4n6p while it is PROVISIONING \(allowed now: start, terminate\)/,
    );
  });

  it("409 on stop of a pod already EXITED counts as stopped", async () => {
    const pod = fixture("get-pod.200.json") as Record<string, unknown>;
    const { adapter } = fakeRunpod({
      "POST /pods/7h9k2m4n6p/action": { status: 409 },
      "GET /pods/7h9k2m4n6p": {
        status: 200,
        body: { ...pod, status: "EXITED", actions: ["start", "terminate"], cost: 0, runtime: null },
      },
    });
    await adapter.stop!("7h9k2m4n6p");
  });

  it("409 without a pod to look at keeps RunPod's own 409 message", async () => {
    const { adapter } = fakeRunpod({ "POST /pods/x/action": { status: 409 } });
    const e = await rejection(adapter.stop!("x"));
    expect(e.message).toMatch(/RunPod cannot stop pod x in the pod's current status \(HTTP 409\)/);
  });
});
