import { describe, expect, it } from "vitest";
import { waitForStatus } from "@/test/providers/harness";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "@/test/providers/conformance";

// Listed prices are the GPU plus 50 GB of container disk ($0.10/GB/month = 137 µ$/GB-h, 6_850 µ$/h)
// plus the 20 GB volume at its stopped rate ($0.20/GB/month = 5_479 µ$/h): 12_329 µ$/h on top.
const STORAGE = 6_850 + 5_479;

const spec: ConformanceSpec = {
  provider: "runpod",
  offer: {
    id: "SECURE:NVIDIA H100 80GB HBM3",
    pricePerHourMicros: 4_690_000 + STORAGE,
    kind: "container",
    checkpointCapable: false,
  },
  otherOfferId: "SECURE:NVIDIA A100 80GB PCIe",
  noCapacity: { offerId: "SECURE:NVIDIA H200", message: /no longer any instances available/ },
  canStop: true,
  sshUser: "root",
  diskGb: 40,
};

const h = describeConformance(spec);

describe("runpod specifics", () => {
  it("lists community and secure prices per GPU with every billed part", async () => {
    const offers = await h.adapter("runpod").listOffers({ gpuModel: "RTX 4090" });
    expect(offers.map((o) => [o.id, o.pricePerHourMicros, o.stoppedPricePerHourMicros])).toEqual([
      ["COMMUNITY:NVIDIA GeForce RTX 4090", 440_000 + STORAGE, 5_479],
      ["SECURE:NVIDIA GeForce RTX 4090", 590_000 + STORAGE, 5_479],
    ]);
    expect(offers[0]!.priceParts).toEqual([
      { label: "GPU", rateMicros: 440_000, per: "gpu", whileStopped: false },
      { label: "container disk", rateMicros: 137, per: "disk-gb", whileStopped: false },
      { label: "20 GB volume", rateMicros: 5_479, per: "instance", whileStopped: true },
    ]);
    expect(offers[0]!.listedDiskGb).toBe(50);
    const a100 = await h.adapter("runpod").listOffers({ gpuModel: "A100" });
    expect(a100[0]?.pricePerHourMicros).toBe(1_990_000 + STORAGE);
  });

  it("reads the per-cloud maxCount and marks a type with availability NONE unavailable", async () => {
    const all = await h.adapter("runpod").listOffers({ includeUnavailable: true });
    const byId = Object.fromEntries(all.map((o) => [o.id, o]));
    expect(byId["COMMUNITY:NVIDIA GeForce RTX 4090"]).toMatchObject({ maxGpuCount: 4, available: true });
    expect(byId["SECURE:NVIDIA GeForce RTX 4090"]).toMatchObject({ maxGpuCount: 8, available: true });
    expect(byId["SECURE:NVIDIA H200"]).toMatchObject({
      maxGpuCount: 8,
      available: false,
      extra: expect.objectContaining({ availability: "NONE" }),
    });
    // A type not offered in a cloud gets no offer there.
    expect(byId["COMMUNITY:NVIDIA H100 80GB HBM3"]).toBeUndefined();
    expect((await h.adapter("runpod").listOffers()).some((o) => o.id === "SECURE:NVIDIA H200")).toBe(false);
  });

  it("maps 403 (key without permission) to auth with a permission hint", async () => {
    const e = await expectProviderError(h.adapter("runpod", { apiKey: "noperm-key-1234" }).listInstances(), "auth");
    expect(e.message).toMatch(/permission/);
  });

  it("maps a placement problem (400) to invalid_request with RunPod's words", async () => {
    const e = await expectProviderError(
      h.adapter("runpod").createInstance({
        machineId: "m1",
        offerId: "SECURE:NVIDIA B999",
        gpuCount: 1,
        diskGb: 10,
        sshPublicKey: "k",
        name: "x",
      }),
      "invalid_request",
    );
    expect(e.message).toMatch(/Unknown GPU type/);
  });

  it("maps 402 to a message about the balance", async () => {
    const e = await expectProviderError(
      h.adapter("runpod", { apiKey: "nofunds-key-1234" }).createInstance(input(spec)),
      "invalid_request",
    );
    expect(e.message).toMatch(/balance is too low/);
    expect(e.message).toMatch(/Add funds/);
    expect(e.outcomeUnknown).toBe(false);
  });

  it("reports the pod's volume, which keeps billing while stopped", async () => {
    const a = h.adapter("runpod");
    const created = await a.createInstance(input(spec));
    expect(created.extra.volumeGb).toBe(20);
    await waitForStatus(a, created.id, "running");
    await a.stop!(created.id);
    await waitForStatus(a, created.id, "stopped");
    const line = h.sb.charges().instances.find((l) => l.id === created.id)!;
    expect(line.stoppedPricePerHourMicros).toBe(5_479);
  });

  it("treats stop on an already stopped pod as done, and explains a 409 it cannot resolve", async () => {
    const a = h.adapter("runpod");
    const created = await a.createInstance(input(spec));
    await waitForStatus(a, created.id, "running");
    await a.stop!(created.id);
    await waitForStatus(a, created.id, "stopped");
    await a.stop!(created.id); // 409 from RunPod, but the pod is EXITED: nothing to do

    h.sb.setFaults({ bootFail: 1 });
    const broken = await a.createInstance(input(spec));
    await waitForStatus(a, broken.id, "failed");
    const e = await expectProviderError(a.stop!(broken.id), "invalid_request");
    expect(e.status).toBe(409);
    expect(e.message).toMatch(/cannot stop pod .* while it is ERROR \(allowed now: start, terminate\)/);
  });

  it("never uses the interactive-only proxy: a running pod without public 22/tcp has no SSH and says why", async () => {
    // Created without 22/tcp in its ports, as a template or another tool might: RunPod then gives
    // it only ssh.proxy.
    const res = await fetch(`${h.sb.baseUrls.runpod}/pods`, {
      method: "POST",
      headers: { authorization: "Bearer test-key-123456", "content-type": "application/json" },
      body: JSON.stringify({
        name: "no-port",
        image: "img",
        gpu: { id: "NVIDIA A100 80GB PCIe", count: 1 },
        disk: 20,
        ports: ["8888/http"],
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const a = h.adapter("runpod");
    const pod = await waitForStatus(a, id, "running");
    expect(pod.ssh).toBeNull();
    expect(pod.extra.sshUnavailable).toMatch(/no public SSH port/);
    expect(pod.extra.sshUnavailable).toMatch(/ssh\.runpod\.io\) is interactive only/);

    // Our own pods expose 22/tcp and get ssh.direct; the proxy is there too and ignored.
    const ours = await a.createInstance(input(spec));
    const running = await waitForStatus(a, ours.id, "running");
    expect(running.ssh?.host).toBe("127.0.0.1");
    expect(running.extra.sshUnavailable).toBeUndefined();
  });
});
