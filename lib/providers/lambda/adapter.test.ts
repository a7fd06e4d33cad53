import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "@/test/providers/conformance";

const spec: ConformanceSpec = {
  provider: "lambda",
  offer: { id: "gpu_1x_h100_pcie@us-east-1", pricePerHourMicros: 2_990_000, kind: "vm", checkpointCapable: true },
  otherOfferId: "gpu_1x_a100_sxm4@us-west-2",
  noCapacity: {
    offerId: "gpu_8x_h100_sxm5@us-east-1",
    message: /Lambda has no capacity for gpu_8x_h100_sxm5 in us-east-1/,
  },
  canStop: false,
  sshUser: "ubuntu",
};

const h = describeConformance(spec);

describe("lambda specifics", () => {
  it("lists A100 at $1.29, types without capacity only on request, and no stopped price", async () => {
    const a = h.adapter("lambda");
    const offers = await a.listOffers();
    expect(offers.find((o) => o.id === "gpu_1x_a100_sxm4@us-west-2")?.pricePerHourMicros).toBe(1_290_000);
    expect(offers.every((o) => o.stoppedPricePerHourMicros === null)).toBe(true);
    expect(offers.some((o) => o.id === "gpu_8x_h100_sxm5")).toBe(false);
    const all = await a.listOffers({ includeUnavailable: true });
    expect(all.find((o) => o.id === "gpu_8x_h100_sxm5")).toMatchObject({ available: false, gpuCount: 8 });
    // "A10" must not be read as an A100.
    expect(all.find((o) => o.id.startsWith("gpu_1x_a10@"))?.gpuModel).not.toBe("A100");
  });

  it("spaces launches by the client-side limit (one per interval)", async () => {
    h.sb.setLimits({ lambdaLaunchIntervalMs: 400 });
    const a = h.adapter("lambda", { limits: { launchIntervalMs: 400 } });
    const t0 = Date.now();
    await a.createInstance(input(spec));
    await a.createInstance(input(spec));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect(h.sb.state().instances).toHaveLength(2);
  });

  it("retries a launch refused with 429 + Retry-After and then succeeds", async () => {
    h.sb.setLimits({ lambdaLaunchIntervalMs: 600 });
    const a = h.adapter("lambda", {
      limits: { launchIntervalMs: 0 },
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 1_500 },
    });
    await a.createInstance(input(spec));
    await a.createInstance(input(spec)); // 429 Retry-After: 1 → waits, retries, succeeds
    expect(h.sb.state().instances).toHaveLength(2);
  });

  it("reuses an SSH key with the same body instead of adding a duplicate name", async () => {
    const a = h.adapter("lambda");
    await a.createInstance(input(spec));
    await a.createInstance(input(spec));
    const names = new Set(h.sb.state().instances.map((i) => JSON.stringify(i.extra.sshKeyNames)));
    expect(names.size).toBe(1);
  });

  it("maps account-inactive to auth with a billing hint", async () => {
    const e = await expectProviderError(h.adapter("lambda", { apiKey: "inactive-key-1234" }).verifyKey(), "auth");
    expect(e.message).toMatch(/inactive/);
  });

  it("maps invalid parameters to invalid_request", async () => {
    await expectProviderError(
      h.adapter("lambda").createInstance(input(spec, { offerId: "gpu_1x_h100_pcie@mars-1" })),
      "invalid_request",
    );
  });
});
