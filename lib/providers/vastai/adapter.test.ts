import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "@/test/providers/conformance";
import { waitForStatus } from "@/test/providers/harness";
import { DEFAULT_VM_IMAGE, VAST_RUNTYPE, vastSearchQuery } from "./adapter";

// 5001001: dph_base $2.48 + 100 GB × $0.15/GB/month ÷ 720 h ($0.0208/h at 208 µ$ per GB-hour).
const spec: ConformanceSpec = {
  provider: "vastai",
  offer: { id: "5001001", pricePerHourMicros: 2_500_800, kind: "container", checkpointCapable: false },
  otherOfferId: "5001003",
  // Not an ask (withdrawn): 404 with error "invalid_args" and msg "… no_such_ask …".
  noCapacity: { offerId: "5009999", message: /no longer available/ },
  canStop: true,
  sshUser: "root",
};

const h = describeConformance(spec);

describe("vastai specifics", () => {
  it("finds H100s behind 300 cheaper consumer asks: the model, GPU count and direct ports are filtered on the server", async () => {
    const a = h.adapter("vastai");
    const h100 = await a.listOffers({ gpuModel: "H100" });
    expect(h100.map((o) => o.id)).toEqual(expect.arrayContaining(["5001001", "5001002", "5001002:vm", "5001003"]));
    expect(h100.every((o) => o.gpuModel === "H100")).toBe(true);
    // Unverified (5001008) and proxy-only (5001009) asks are cheaper but dropped by the server.
    expect(h100.some((o) => o.id.startsWith("5001008") || o.id.startsWith("5001009"))).toBe(false);
    // The search without a model: its cheapest page is all consumer cards, so filtering here alone
    // would never see an H100.
    const raw = (await (
      await fetch(`${h.sb.baseUrls.vastai}/bundles/`, {
        method: "POST",
        headers: { authorization: "Bearer test-key-123456", "content-type": "application/json" },
        body: JSON.stringify(vastSearchQuery()),
      })
    ).json()) as { offers: { gpu_name: string }[] };
    expect(raw.offers).toHaveLength(200);
    expect(raw.offers.some((o) => o.gpu_name.startsWith("H100"))).toBe(false);
    // An unfiltered listing therefore also asks for the data-centre models by name.
    const all = await a.listOffers();
    expect(all.some((o) => o.id === "5001001")).toBe(true);
    expect(all.filter((o) => o.gpuModel === "RTX 4090").length).toBeGreaterThan(20);
    const pairs = await a.listOffers({ gpuModel: "RTX 4090", minGpuCount: 2 });
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((o) => o.gpuCount >= 2 && o.gpuModel === "RTX 4090")).toBe(true);
  });

  it("lists every billed part: the bundle while running, the disk also while stopped", async () => {
    const o = (await h.adapter("vastai").listOffers({ gpuModel: "H100" })).find((x) => x.id === "5001001")!;
    expect(o.listedDiskGb).toBe(100);
    expect(o.priceParts).toEqual([
      { label: "1× H100 SXM", rateMicros: 2_480_000, per: "instance", whileStopped: false },
      { label: "disk", rateMicros: 208, per: "disk-gb", whileStopped: true },
    ]);
    expect(o.stoppedPricePerHourMicros).toBe(20_800);
  });

  it("lists a VM-capable ask twice: Docker (no checkpoint) and VM (checkpoint)", async () => {
    const offers = await h.adapter("vastai").listOffers({ gpuModel: "H100" });
    const docker = offers.find((o) => o.id === "5001002");
    const vm = offers.find((o) => o.id === "5001002:vm");
    expect(docker).toMatchObject({ kind: "container", checkpointCapable: false });
    expect(vm).toMatchObject({ kind: "vm", checkpointCapable: true, pricePerHourMicros: 2_620_800 });
    expect((await h.adapter("vastai").listOffers({ checkpointCapable: true })).every((o) => o.kind === "vm")).toBe(
      true,
    );
  });

  it("verifies a key whose account has no SSH keys yet (GET /ssh/ answers 404)", async () => {
    const res = await fetch(`${h.sb.baseUrls.vastai}/ssh/`, { headers: { authorization: "Bearer fresh-account-key" } });
    expect(res.status).toBe(404);
    await h.adapter("vastai", { apiKey: "fresh-account-key" }).verifyKey();
  });

  it("creates a VM from the kvm image after putting the SSH key on the account, once", async () => {
    const a = h.adapter("vastai");
    const created = await a.createInstance(input(spec, { offerId: "5001002:vm" }));
    const running = await waitForStatus(a, created.id, "running");
    expect(running.ssh?.user).toBe("root");
    await a.createInstance(input(spec, { offerId: "5001005:vm" }));
    const line = h.sb.state().instances.find((i) => i.id === created.id);
    expect(line).toMatchObject({ kind: "vm", image: DEFAULT_VM_IMAGE });
    expect(line?.extra.runtype).toBe(VAST_RUNTYPE);
    expect(line?.sshPublicKey).toContain("ssh-ed25519");
  });

  it("asks for direct SSH, so the endpoint is the mapped 22/tcp port", async () => {
    const a = h.adapter("vastai");
    const created = await a.createInstance(input(spec));
    await waitForStatus(a, created.id, "running");
    const raw = (await (
      await fetch(`${h.sb.baseUrls.vastai}/instances/${created.id}/`, {
        headers: { authorization: "Bearer test-key-123456" },
      })
    ).json()) as {
      instances: { ports: Record<string, unknown> };
    };
    expect(raw.instances.ports["22/tcp"]).toBeDefined();
  });

  it("a rented ask disappears from search, and ordering it again is no_capacity", async () => {
    const a = h.adapter("vastai");
    await a.createInstance(input(spec));
    expect((await a.listOffers({ gpuModel: "H100" })).some((o) => o.id === "5001001")).toBe(false);
    await expectProviderError(a.createInstance(input(spec)), "no_capacity");
  });

  it("an ask whose host cannot start it (410 no_such_ask) is no_capacity", async () => {
    const e = await expectProviderError(
      h.adapter("vastai").createInstance(input(spec, { offerId: "5001007" })),
      "no_capacity",
    );
    expect(e.message).toMatch(/no longer available/);
  });

  it("reads the JSON 429 `{detail}` (no Retry-After) as rate_limited after retries", async () => {
    h.sb.setLimits({ vastCreateIntervalMs: 60_000 });
    const a = h.adapter("vastai");
    await a.createInstance(input(spec));
    const e = await expectProviderError(a.createInstance(input(spec, { offerId: "5001003" })), "rate_limited");
    expect(e.message).toMatch(/too frequent endpoint threshold=4\.5/);
    expect(e.message).not.toMatch(/"detail"/);
  });

  it("does not bill while loading", async () => {
    h.sb.setFaults({ bootMs: 10_000 });
    const a = h.adapter("vastai");
    const created = await a.createInstance(input(spec));
    await new Promise((r) => setTimeout(r, 2_100)); // past creating (20 %) into loading
    expect((await a.getInstance(created.id)).status).toBe("booting");
    expect(h.sb.charges().instances.find((l) => l.id === created.id)?.costMicros).toBe(0);
  });
});
