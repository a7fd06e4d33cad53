import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "../testing/conformance";

const LOC1 = "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e01";
const LOC2 = "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e02";

const spec: ConformanceSpec = {
  provider: "tensordock",
  offer: { filter: { gpuModel: "H100" }, id: `${LOC1}:h100-sxm5-80gb`, gpuModel: "H100", pricePerHourMicros: 2_250_000, kind: "vm", checkpointCapable: true },
  otherOfferId: `${LOC1}:geforcertx4090-pcie-24gb`,
  noCapacity: { offerId: `${LOC2}:geforcertx4090-pcie-24gb`, message: /Insufficient GPU stock/ },
  canStop: true,
  sshUser: "user",
};

const h = describeConformance(spec);

describe("tensordock specifics", () => {
  it("lists the seed prices and a stopped price from the storage rate", async () => {
    const offers = await h.adapter("tensordock").listOffers();
    const byModel = Object.fromEntries(offers.map((o) => [o.gpuModel, o]));
    expect(byModel["RTX 4090"]?.pricePerHourMicros).toBe(350_000);
    expect(byModel["V100"]?.pricePerHourMicros).toBe(450_000);
    // 100 GB minimum × $0.0005/GB-h
    expect(byModel["H100"]?.stoppedPricePerHourMicros).toBe(50_000);
    expect(byModel["H100"]?.vramGb).toBe(80);
  });

  it("maps a refused deploy (low balance) to invalid_request with TensorDock's words", async () => {
    const e = await expectProviderError(h.adapter("tensordock", { apiKey: "poor-account-key" }).createInstance(input(spec)), "invalid_request");
    expect(e.message).toMatch(/balance/);
  });

  it("waits on the client-side limit instead of hitting the server's 100/min", async () => {
    h.sb.setLimits({ tensordockPerMinute: 3 });
    const a = h.adapter("tensordock", { limits: { requestsPerMinute: 0 } });
    await a.listInstances();
    await a.listInstances();
    await a.listInstances();
    // The 4th is refused with 429 + Retry-After (~60 s); the retry cap (200 ms) makes it give up.
    await expectProviderError(a.listInstances(), "rate_limited");
  });
});
