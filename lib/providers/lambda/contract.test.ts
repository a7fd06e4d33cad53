// Lambda's own documented bodies (fixtures/, sources in fixtures/SOURCES.md) fed through the adapter,
// so a shape the client cannot read fails here rather than in production.

import { describe, expect, it } from "vitest";
import { expectProviderError } from "@/test/providers/conformance";
import { priceOfOrder } from "../shared/price-parts";
import { contractOptions, fixtureFetch } from "@/test/providers/fixture-fetch";
import { createLambdaAdapter } from "./adapter";
import invalidKey from "./fixtures/error.invalid-api-key.composed.json";
import gone from "./fixtures/error.object-does-not-exist.composed.json";
import instance from "./fixtures/instance.200.composed.json";
import instanceTypes from "./fixtures/instance-types.200.json";
import addKey from "./fixtures/ssh-keys.add.200.json";

type Route = { method: string; path: RegExp; status: number; body: unknown };

function adapter(routes: Route[]) {
  const { fetch, seen } = fixtureFetch((r) => routes.find((x) => x.method === r.method && x.path.test(r.path)), {
    status: 599,
    body: { error: { code: "global/unknown", message: "no fixture" } },
  });
  const a = createLambdaAdapter(contractOptions("https://cloud.lambda.ai/api/v1", fetch));
  return { a, sent: seen };
}

const KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDfKpav4ILY54InZe27G user";

describe("lambda against Lambda's documented bodies", () => {
  it("reads the spec's instance-types example: quoted cents, GPU count from the type name, one billed part", async () => {
    const { a } = adapter([{ method: "GET", path: /\/instance-types$/, status: 200, body: instanceTypes }]);
    const offers = await a.listOffers({ includeUnavailable: true });
    const a100 = offers.find((o) => o.id === "gpu_1x_a100@us-tx-1")!;
    expect(a100).toMatchObject({
      gpuModel: "A100",
      gpuName: "RTX A100 (24 GB)",
      gpuCount: 1,
      vramGb: 24,
      pricePerHourMicros: 800_000,
      stoppedPricePerHourMicros: null,
      listedDiskGb: 512,
      region: "us-tx-1",
      available: true,
    });
    expect(a100.priceParts).toEqual([
      { label: "gpu_1x_a100", rateMicros: 800_000, per: "instance", whileStopped: false },
    ]);
    const a6000 = offers.find((o) => o.id === "gpu_4x_a6000@us-az-1")!;
    expect(a6000).toMatchObject({
      gpuCount: 4,
      gpuName: "RTX 6000 (24 GB)",
      gpuModel: "RTX 6000 (24 GB)",
      pricePerHourMicros: 1_100_000,
    });
    for (const o of offers)
      expect(priceOfOrder(o.priceParts, { gpuCount: o.gpuCount, diskGb: o.listedDiskGb }).runningMicros).toBe(
        o.pricePerHourMicros,
      );
  });

  it("reads an instance built from the spec's property examples", async () => {
    const { a } = adapter([
      { method: "GET", path: /\/instances\/0920582c7ff041399e34823a0be62549$/, status: 200, body: instance },
    ]);
    const i = await a.getInstance("0920582c7ff041399e34823a0be62549");
    expect(i).toMatchObject({
      status: "running",
      ssh: { host: "10.10.10.1", port: 22, user: "ubuntu" },
      pricePerHourMicros: 1_100_000,
      gpuModel: "A100",
      gpuCount: 4,
    });
  });

  it("maps the documented invalid-api-key error to auth", async () => {
    const { a } = adapter([{ method: "GET", path: /\/ssh-keys$/, status: 401, body: invalidKey }]);
    await expectProviderError(a.verifyKey(), "auth");
  });

  it("adds a key and reads the spec's add-key example", async () => {
    const { a, sent } = adapter([
      { method: "GET", path: /\/ssh-keys$/, status: 200, body: { data: [] } },
      { method: "POST", path: /\/ssh-keys$/, status: 200, body: addKey },
      {
        method: "POST",
        path: /\/instance-operations\/launch$/,
        status: 200,
        body: { data: { instance_ids: ["0920582c7ff041399e34823a0be62549"] } },
      },
      { method: "GET", path: /\/instances\/0920582c7ff041399e34823a0be62549$/, status: 200, body: instance },
    ]);
    const i = await a.createInstance({
      machineId: "m-contract-1",
      offerId: "gpu_1x_a100@us-tx-1",
      gpuCount: 1,
      diskGb: 100,
      sshPublicKey: KEY,
      name: "contract",
    });
    expect(i.id).toBe("0920582c7ff041399e34823a0be62549");
    expect(sent.map((x) => `${x.method} ${x.path}`)).toContain("POST /api/v1/ssh-keys");
  });

  it("destroy: a terminate answered 404 object-does-not-exist is already done", async () => {
    const { a } = adapter([{ method: "POST", path: /\/instance-operations\/terminate$/, status: 404, body: gone }]);
    await a.destroy("0920582c7ff041399e34823a0be62549");
  });

  it("destroy: a refused second terminate is done when the instance reads terminated, and fails when it is still active", async () => {
    const refused = { error: { code: "global/invalid-parameters", message: "Instance is not in a terminable state." } };
    const terminated = { data: { ...instance.data, status: "terminated", ip: null } };
    const done = adapter([
      { method: "POST", path: /\/instance-operations\/terminate$/, status: 400, body: refused },
      { method: "GET", path: /\/instances\//, status: 200, body: terminated },
    ]);
    await done.a.destroy("0920582c7ff041399e34823a0be62549");
    expect(done.sent.map((x) => `${x.method} ${x.path}`)).toEqual([
      "POST /api/v1/instance-operations/terminate",
      "GET /api/v1/instances/0920582c7ff041399e34823a0be62549",
    ]);
    const alive = adapter([
      { method: "POST", path: /\/instance-operations\/terminate$/, status: 400, body: refused },
      { method: "GET", path: /\/instances\//, status: 200, body: instance },
    ]);
    await expectProviderError(alive.a.destroy("0920582c7ff041399e34823a0be62549"), "invalid_request");
  });
});
