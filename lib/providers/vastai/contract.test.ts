// Vast.ai's own documented bodies (fixtures/, sources in fixtures/SOURCES.md) fed through the adapter,
// so a shape the client cannot read fails here rather than in production.

import { describe, expect, it } from "vitest";
import { expectProviderError } from "@/test/providers/conformance";
import { priceOfOrder } from "../shared/price-parts";
import { contractOptions, fixtureFetch } from "@/test/providers/fixture-fetch";
import type { AdapterOptions } from "../types";
import { createVastAdapter } from "./adapter";
import create404 from "./fixtures/create_instance.404.json";
import create410 from "./fixtures/create_instance.410.json";
import create429 from "./fixtures/create_instance.429.json";
import createKey from "./fixtures/create_ssh_key.200.json";
import helloCreate from "./fixtures/hello-world.create-instance.json";
import helloList from "./fixtures/hello-world.instances.json";
import helloShow from "./fixtures/hello-world.show-instance.json";
import search from "./fixtures/search_offers.200.json";
import searchSingle from "./fixtures/search_offers.200.single-object.json";
import search404 from "./fixtures/search_offers.404.json";
import sshKeys from "./fixtures/show_ssh_keys.200.json";
import sshKeys404 from "./fixtures/show_ssh_keys.404.json";

type Route = { method: string; path: RegExp; status: number; body: unknown };

function adapter(routes: Route[], over: Partial<AdapterOptions> = {}) {
  const { fetch, seen } = fixtureFetch((r) => routes.find((x) => x.method === r.method && x.path.test(r.path)), {
    status: 599,
    body: { success: false, error: "not_found", msg: "no fixture" },
  });
  const a = createVastAdapter(contractOptions("https://console.vast.ai/api/v0", fetch, over));
  return { a, sent: seen };
}

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIcontracttestkey0000000000000000000000 test@dumont";
const order = {
  machineId: "m-contract-1",
  offerId: "1234567",
  gpuCount: 1,
  diskGb: 100,
  sshPublicKey: KEY,
  name: "contract",
};

describe("vastai against Vast's documented bodies", () => {
  it("reads search_offers.yaml's example offer, pricing every billed part at the listed disk", async () => {
    const { a } = adapter([{ method: "POST", path: /\/bundles\/$/, status: 200, body: search }]);
    const [o, ...rest] = await a.listOffers({ includeUnavailable: true });
    expect(rest).toEqual([]);
    expect(o).toMatchObject({
      id: "12345678",
      gpuName: "Imaginary RTX 9999",
      gpuCount: 4,
      vramGb: 24,
      region: "Atlantis, AT",
      available: true,
      kind: "container",
      listedDiskGb: 100,
    });
    // dph_base $0.123456 + 100 GB × $0.987654/GB/month ÷ 720 h (1372 µ$ per GB-hour).
    expect(o!.priceParts).toEqual([
      { label: "4× Imaginary RTX 9999", rateMicros: 123_456, per: "instance", whileStopped: false },
      { label: "disk", rateMicros: 1_372, per: "disk-gb", whileStopped: true },
    ]);
    expect(o!.pricePerHourMicros).toBe(260_656);
    expect(o!.stoppedPricePerHourMicros).toBe(137_200);
    expect(priceOfOrder(o!.priceParts, { gpuCount: o!.gpuCount, diskGb: o!.listedDiskGb }).runningMicros).toBe(
      o!.pricePerHourMicros,
    );
  });

  it("also reads the older copy whose example puts one object under `offers`", async () => {
    const { a } = adapter([{ method: "POST", path: /\/bundles\/$/, status: 200, body: searchSingle }]);
    expect((await a.listOffers({ includeUnavailable: true })).map((o) => o.id)).toEqual(["12345678"]);
  });

  it("sends the model as Vast's names, the GPU count and direct ports as server-side filters", async () => {
    const { a, sent } = adapter([{ method: "POST", path: /\/bundles\/$/, status: 200, body: { offers: [] } }]);
    await a.listOffers({ gpuModel: "H100", minGpuCount: 2 });
    expect(sent[0]!.body).toMatchObject({
      gpu_name: { in: ["H100 SXM", "H100 PCIE", "H100 NVL"] },
      num_gpus: { gte: 2 },
      direct_port_count: { gte: 1 },
      verified: { eq: true },
      rentable: { eq: true },
      type: "on-demand",
      allocated_storage: 100,
    });
    expect(sent[0]!.body).not.toHaveProperty("rented");
    await a.listOffers({ gpuModel: "RTX 4090" });
    expect(sent[1]!.body).toMatchObject({ gpu_name: { eq: "RTX 4090" } });
  });

  it("search_offers.yaml's 404 'Invalid user key' is a rejected key", async () => {
    const { a } = adapter([{ method: "POST", path: /\/bundles\/$/, status: 404, body: search404 }]);
    await expectProviderError(a.listOffers(), "auth");
  });

  it("verifyKey passes on an account without SSH keys (404 'No SSH keys found')", async () => {
    const { a } = adapter([{ method: "GET", path: /\/ssh\/$/, status: 404, body: sshKeys404 }]);
    await a.verifyKey();
  });

  it("verifyKey reads the documented key list", async () => {
    const { a } = adapter([{ method: "GET", path: /\/ssh\/$/, status: 200, body: sshKeys }]);
    await a.verifyKey();
  });

  it("creates on a fresh account: adds the key, rents with hello-world's reply, reads its show example", async () => {
    const { a, sent } = adapter([
      { method: "GET", path: /\/ssh\/$/, status: 404, body: sshKeys404 },
      { method: "POST", path: /\/ssh\/$/, status: 200, body: createKey },
      { method: "PUT", path: /\/asks\/1234567\/$/, status: 200, body: helloCreate },
      { method: "GET", path: /\/instances\/12345678\/$/, status: 200, body: helloShow },
    ]);
    const inst = await a.createInstance(order);
    expect(inst).toMatchObject({
      id: "12345678",
      status: "booting",
      rawStatus: "loading",
      ssh: { host: "...", port: 12345, user: "root" },
    });
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      "GET /api/v0/ssh/",
      "POST /api/v0/ssh/",
      "PUT /api/v0/asks/1234567/",
      "GET /api/v0/instances/12345678/",
    ]);
    expect(sent[2]!.body).toMatchObject({
      client_id: "me",
      runtype: "ssh_direc ssh_proxy",
      disk: 100,
      cancel_unavail: true,
    });
  });

  it("create_instance.yaml's 404 (invalid_args, msg no_such_ask) is no_capacity, not a bad request", async () => {
    const { a } = adapter([
      { method: "GET", path: /\/ssh\/$/, status: 200, body: [{ id: 1, key: KEY }] },
      { method: "PUT", path: /\/asks\/1234567\/$/, status: 404, body: create404 },
    ]);
    const e = await expectProviderError(a.createInstance(order), "no_capacity");
    expect(e.message).toMatch(/no longer available/);
    expect(e.outcomeUnknown).toBe(false);
  });

  it("create_instance.yaml's 410 no_such_ask is no_capacity", async () => {
    const { a } = adapter([
      { method: "GET", path: /\/ssh\/$/, status: 200, body: [{ id: 1, key: KEY }] },
      { method: "PUT", path: /\/asks\/1234567\/$/, status: 410, body: create410 },
    ]);
    await expectProviderError(a.createInstance(order), "no_capacity");
  });

  it("create_instance.yaml's 429 `{detail}` is rate_limited with Vast's words", async () => {
    const { a } = adapter([
      { method: "GET", path: /\/ssh\/$/, status: 200, body: [{ id: 1, key: KEY }] },
      { method: "PUT", path: /\/asks\/1234567\/$/, status: 429, body: create429 },
    ]);
    const e = await expectProviderError(a.createInstance(order), "rate_limited");
    expect(e.message).toContain("API requests too frequent endpoint threshold=4.5");
  });

  it("reads hello-world's empty instance list", async () => {
    const { a } = adapter([{ method: "GET", path: /\/instances\/$/, status: 200, body: helloList }]);
    expect(await a.listInstances()).toEqual([]);
  });
});
