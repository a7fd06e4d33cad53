import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, type ConformanceSpec } from "../testing/conformance";

const spec: ConformanceSpec = {
  provider: "runpod",
  offer: { filter: { gpuModel: "H100" }, id: "SECURE:NVIDIA H100 80GB HBM3", gpuModel: "H100", pricePerHourMicros: 4_690_000, kind: "container", checkpointCapable: false },
  otherOfferId: "SECURE:NVIDIA A100 80GB PCIe",
  noCapacity: { offerId: "SECURE:NVIDIA H200", message: /no longer any instances available/ },
  canStop: true,
  sshUser: "root",
  diskGb: 40,
};

const h = describeConformance(spec);

describe("runpod specifics", () => {
  it("lists community and secure prices per GPU", async () => {
    const offers = await h.adapter("runpod").listOffers({ gpuModel: "RTX 4090" });
    expect(offers.map((o) => [o.id, o.pricePerHourMicros])).toEqual([
      ["COMMUNITY:NVIDIA GeForce RTX 4090", 440_000],
      ["SECURE:NVIDIA GeForce RTX 4090", 590_000],
    ]);
    const a100 = await h.adapter("runpod").listOffers({ gpuModel: "A100" });
    expect(a100[0]?.pricePerHourMicros).toBe(1_990_000);
  });

  it("maps 403 (key without permission) to auth with a permission hint", async () => {
    const e = await expectProviderError(h.adapter("runpod", { apiKey: "noperm-key-1234" }).listInstances(), "auth");
    expect(e.message).toMatch(/permission/);
  });

  it("maps a validation problem (400) to invalid_request with its errors", async () => {
    const e = await expectProviderError(
      h.adapter("runpod").createInstance({ machineId: "m1", offerId: "SECURE:NVIDIA B999", gpuCount: 1, diskGb: 10, sshPublicKey: "k", name: "x" }),
      "invalid_request",
    );
    expect(e.message).toMatch(/Unknown GPU type/);
  });
});
