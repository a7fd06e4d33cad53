import { describe, expect, it } from "vitest";
import { waitForStatus } from "@/test/providers/harness";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "@/test/providers/conformance";

const LOC1 = "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e01";
const LOC2 = "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e02";
/** Forwards ports only: no dedicated IP. */
const LOC3 = "6f1a0c1e-1d7b-4a51-9b0e-1a2b3c4d5e03";

// On top of each GPU: 8 vCPUs × $0.003 + 32 GB RAM × $0.002 + 100 GB storage × $0.00005 = $0.093/h.
const PER_GPU_EXTRAS = 24_000 + 64_000;
const STORAGE_100GB = 5_000;

const spec: ConformanceSpec = {
  provider: "tensordock",
  offer: {
    id: `${LOC1}:h100-sxm5-80gb`,
    pricePerHourMicros: 2_250_000 + PER_GPU_EXTRAS + STORAGE_100GB,
    kind: "vm",
    checkpointCapable: true,
  },
  otherOfferId: `${LOC1}:geforcertx4090-pcie-24gb`,
  noCapacity: { offerId: `${LOC2}:geforcertx4090-pcie-24gb`, message: /Insufficient GPU stock/ },
  canStop: true,
  sshUser: "user",
};

const h = describeConformance(spec);

describe("tensordock specifics", () => {
  it("prices the GPU with its vCPUs, RAM and storage, and the stopped VM at its storage", async () => {
    const offers = await h.adapter("tensordock").listOffers();
    const byModel = Object.fromEntries(offers.map((o) => [o.gpuModel, o]));
    expect(byModel["RTX 4090"]?.pricePerHourMicros).toBe(350_000 + PER_GPU_EXTRAS + STORAGE_100GB);
    expect(byModel.V100?.pricePerHourMicros).toBe(450_000 + PER_GPU_EXTRAS + STORAGE_100GB);
    expect(byModel.H100?.stoppedPricePerHourMicros).toBe(STORAGE_100GB);
    expect(byModel.H100?.vramGb).toBe(80);
    expect(byModel.H100?.listedDiskGb).toBe(100);
    expect(byModel.H100?.priceParts).toEqual([
      { label: "GPU", rateMicros: 2_250_000, per: "gpu", whileStopped: false },
      { label: "8 vCPU per GPU", rateMicros: 24_000, per: "gpu", whileStopped: false },
      { label: "32 GB RAM per GPU", rateMicros: 64_000, per: "gpu", whileStopped: false },
      { label: "storage", rateMicros: 50, per: "disk-gb", whileStopped: true },
    ]);
    // The location's vCPU/RAM maxima bound the GPU count as well as its stock.
    expect(byModel.H100?.maxGpuCount).toBe(8);
    expect(byModel["RTX 4090"]?.maxGpuCount).toBe(4);
  });

  it("offers only locations with a dedicated IP, and refuses to order one without", async () => {
    const a = h.adapter("tensordock");
    const all = await a.listOffers({ includeUnavailable: true });
    expect(all.some((o) => o.id.startsWith(`${LOC3}:`))).toBe(false);
    const e = await expectProviderError(
      a.createInstance(input(spec, { offerId: `${LOC3}:geforcertx4090-pcie-24gb` })),
      "invalid_request",
    );
    expect(e.message).toMatch(/without a dedicated IP \(port forwarding only\)/);
    expect(h.sb.state().instances).toHaveLength(0);
  });

  it("orders 8 vCPUs and 32 GB RAM per GPU and reports the order's full price", async () => {
    const a = h.adapter("tensordock");
    const created = await a.createInstance(input(spec, { gpuCount: 2, diskGb: 150 }));
    // 2 × ($2.25 + $0.024 + $0.064) + 150 GB × $0.00005
    expect(created.pricePerHourMicros).toBe(2 * (2_250_000 + PER_GPU_EXTRAS) + 7_500);
    expect(created.extra).toMatchObject({ vcpu: 16, ramGb: 64, storageGb: 150 });
    const line = h.sb.charges().instances.find((l) => l.id === created.id)!;
    expect(line.pricePerHourMicros).toBe(created.pricePerHourMicros);
    expect(line.stoppedPricePerHourMicros).toBe(7_500);
  });

  it("reads the flat instance list TensorDock sends", async () => {
    const a = h.adapter("tensordock");
    const req = input(spec);
    const created = await a.createInstance(req);
    await waitForStatus(a, created.id, "running");
    const listed = (await a.listInstances()).find((i) => i.id === created.id);
    expect(listed).toMatchObject({
      machineId: req.machineId,
      status: "running",
      ssh: { host: "127.0.0.1", port: h.sshPorts.get(created.id), user: "user" },
    });
  });

  it("maps a refused deploy (low balance, reported in an HTTP 200 body) to invalid_request with TensorDock's words", async () => {
    const e = await expectProviderError(
      h.adapter("tensordock", { apiKey: "poor-account-key" }).createInstance(input(spec)),
      "invalid_request",
    );
    expect(e.message).toMatch(/balance/);
    expect(e.message).toMatch(/add funds/);
    expect(e.outcomeUnknown).toBe(false);
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
