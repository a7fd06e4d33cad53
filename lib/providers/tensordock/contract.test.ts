// The TensorDock client fed TensorDock's own documented examples (fixtures/, sources in
// fixtures/SOURCES.md) through AdapterOptions.fetch. Shapes that TensorDock does not document but
// that clients using the API report (a flat instance list, errors in HTTP 200 bodies) are built in
// the tests below and marked as such.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { priceOfOrder } from "../shared/price-parts";
import { expectRejection } from "@/test/providers/conformance";
import { contractOptions, fixtureFetch, type FixtureAnswer } from "@/test/providers/fixture-fetch";
import type { ProviderAdapter } from "../types";
import { createTensorDockAdapter } from "./adapter";

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, "fixtures", name), "utf8"));

/** A fetch that answers "METHOD /path" (below /api/v2) from a table, recording each request. */
function fakeTensorDock(routes: Record<string, FixtureAnswer>) {
  const { fetch, seen } = fixtureFetch((r) => routes[`${r.method} ${r.path.replace(/^\/api\/v2/, "")}`], {
    status: 404,
    body: { errors: [{ status: "404", title: "Not Found" }] },
  });
  const adapter: ProviderAdapter = createTensorDockAdapter(
    contractOptions("https://dashboard.tensordock.com/api/v2", fetch),
  );
  return { adapter, seen };
}

const rejection = (p: Promise<unknown>) => expectRejection(p);

const LOCATIONS = { status: 200, body: fixture("locations.200.json") };
const OFFER = "loc-uuid-12345:h100-sxm5-80gb";
const CREATE = {
  machineId: "m-contract-1",
  offerId: OFFER,
  gpuCount: 1,
  diskGb: 100,
  sshPublicKey: "ssh-ed25519 AAAA test",
  name: "contract",
};

/** The locations example with the H100's dedicated IP switched off (changed here, not documented). */
function withoutDedicatedIp() {
  const body = structuredClone(fixture("locations.200.json")) as {
    data: { locations: { gpus: { network_features: Record<string, boolean> }[] }[] };
  };
  body.data.locations[0]!.gpus[0]!.network_features.dedicated_ip_available = false;
  return { status: 200, body };
}

describe("TensorDock locations example (GET /locations)", () => {
  it("prices the H100 with its vCPUs, RAM and storage, not the GPU alone", async () => {
    const { adapter } = fakeTensorDock({ "GET /locations": LOCATIONS });
    const [o, ...rest] = await adapter.listOffers();
    expect(rest).toEqual([]);
    // $2.20 + 8 vCPU × $0.003 + 32 GB × $0.002 + 100 GB × $0.00005
    expect(o).toMatchObject({
      id: OFFER,
      gpuModel: "H100",
      vramGb: 80,
      region: "Austin, Texas, United States",
      pricePerHourMicros: 2_293_000,
      stoppedPricePerHourMicros: 5_000,
      listedDiskGb: 100,
      available: true,
    });
    // 8 in stock; 128 vCPUs and 296 usable GB of RAM leave room for 16 and 9.
    expect(o!.maxGpuCount).toBe(8);
    const p = priceOfOrder(o!.priceParts, { gpuCount: 1, diskGb: 100 });
    expect([p.runningMicros, p.stoppedMicros]).toEqual([2_293_000, 5_000]);
  });

  it("leaves out a location without a dedicated IP, and will not order there", async () => {
    const { adapter, seen } = fakeTensorDock({ "GET /locations": withoutDedicatedIp() });
    expect(await adapter.listOffers({ includeUnavailable: true })).toEqual([]);
    const e = await rejection(adapter.createInstance(CREATE));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toMatch(/without a dedicated IP/);
    expect(seen.some((s) => s.method === "POST")).toBe(false);
  });
});

describe("TensorDock instance examples", () => {
  it("create: sends the documented location-based body and reads the documented answer", async () => {
    const { adapter, seen } = fakeTensorDock({
      "GET /locations": LOCATIONS,
      "POST /instances": { status: 200, body: fixture("create-instance.200.json") },
    });
    const inst = await adapter.createInstance({ ...CREATE, gpuCount: 2, diskGb: 200 });
    expect(inst).toMatchObject({ id: "instance-uuid", status: "running", machineId: "m-contract-1", gpuCount: 2 });
    // 2 × ($2.20 + $0.024 + $0.064) + 200 GB × $0.00005
    expect(inst.pricePerHourMicros).toBe(2 * 2_288_000 + 10_000);
    const post = seen.find((s) => s.method === "POST")!;
    expect(post.body).toEqual({
      data: {
        type: "virtualmachine",
        attributes: {
          name: expect.stringContaining("m-contract-1"),
          type: "virtualmachine",
          image: "ubuntu2404",
          resources: { vcpu_count: 16, ram_gb: 64, storage_gb: 200, gpus: { "h100-sxm5-80gb": { count: 2 } } },
          location_id: "loc-uuid-12345",
          useDedicatedIp: true,
          ssh_key: CREATE.sshPublicKey,
        },
      },
    });
  });

  it("list: the documented `data.instances` of JSON:API resources", async () => {
    const { adapter } = fakeTensorDock({ "GET /instances": { status: 200, body: fixture("list-instances.200.json") } });
    expect(await adapter.listInstances()).toMatchObject([
      { id: "550e8400-e29b-41d4-a716-446655440000", name: "My Instance", status: "running", machineId: null },
    ]);
  });

  it("list: the flat `data: [...]` of bare instances that clients report (no documented body)", async () => {
    const flat = {
      data: [
        {
          type: "virtualmachine",
          id: "i-1",
          name: "box",
          status: "running",
          ipAddress: "203.0.113.7",
          portForwards: [{ internal_port: 22, external_port: 20022 }],
        },
      ],
    };
    const { adapter } = fakeTensorDock({ "GET /instances": { status: 200, body: flat } });
    expect(await adapter.listInstances()).toMatchObject([
      { id: "i-1", status: "running", ssh: { host: "203.0.113.7", port: 20022, user: "user" } },
    ]);
  });

  it("list: `data.attributes.instances` (getting-started page, body not seen) and an empty account", async () => {
    const nested = {
      data: {
        type: "list",
        attributes: {
          instances: [{ type: "virtualmachine", id: "i-2", attributes: { name: "n", status: "Stopped" } }],
        },
      },
    };
    const { adapter } = fakeTensorDock({ "GET /instances": { status: 200, body: nested } });
    expect(await adapter.listInstances()).toMatchObject([{ id: "i-2", status: "stopped" }]);
    expect(
      await fakeTensorDock({ "GET /instances": { status: 200, body: { data: [] } } }).adapter.listInstances(),
    ).toEqual([]);
  });

  it("list: an unknown envelope is an error, not an empty account", async () => {
    const { adapter } = fakeTensorDock({
      "GET /instances": { status: 200, body: { data: { items: [{ id: "i-3", status: "running" }] } } },
    });
    expect((await rejection(adapter.listInstances())).message).toMatch(/unexpected response/);
  });

  it("get: the documented bare object (its values are type names) parses; placeholder ports are ignored", async () => {
    const { adapter } = fakeTensorDock({
      "GET /instances/string": { status: 200, body: fixture("get-instance.200.json") },
    });
    const inst = await adapter.getInstance("string");
    expect(inst).toMatchObject({ id: "string", rawStatus: "string", ssh: { host: "string", port: 22, user: "user" } });
  });

  it("start, stop and delete accept the documented answers", async () => {
    const { adapter, seen } = fakeTensorDock({
      "POST /instances/string/start": { status: 200, body: fixture("start-instance.200.json") },
      "POST /instances/string/stop": { status: 200, body: fixture("stop-instance.200.json") },
      "DELETE /instances/string": { status: 200, body: fixture("delete-instance.200.json") },
    });
    await adapter.start!("string");
    await adapter.stop!("string");
    await adapter.destroy("string");
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "POST /api/v2/instances/string/start",
      "POST /api/v2/instances/string/stop",
      "DELETE /api/v2/instances/string",
    ]);
  });
});

describe("TensorDock errors inside HTTP 200 bodies (reported by clients, not documented)", () => {
  it("a refused deploy for balance is invalid_request with what to do", async () => {
    const { adapter } = fakeTensorDock({
      "GET /locations": LOCATIONS,
      "POST /instances": { status: 200, body: { error: "You need at least $1.00 in your balance to deploy" } },
    });
    const e = await rejection(adapter.createInstance(CREATE));
    expect(e.code).toBe("invalid_request");
    expect(e.message).toMatch(/need at least \$1\.00.*add funds/s);
    expect(e.outcomeUnknown).toBe(false);
  });

  it("a numeric status ≥ 400 in the body is an error; an instance's string status is not", async () => {
    const { adapter } = fakeTensorDock({
      "GET /locations": LOCATIONS,
      "POST /instances": {
        status: 200,
        body: { status: 400, error: { message: "No available GPUs of this type at this location" } },
      },
      "DELETE /instances/gone": { status: 200, body: { error: "Instance not found" } },
    });
    expect((await rejection(adapter.createInstance(CREATE))).code).toBe("no_capacity");
    await adapter.destroy("gone"); // already gone counts as destroyed
  });
});
