import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "../testing/conformance";
import { waitForStatus } from "../testing/harness";

const spec: ConformanceSpec = {
  provider: "vastai",
  offer: { filter: { gpuModel: "H100" }, id: "5001001", gpuModel: "H100", pricePerHourMicros: 2_500_000, kind: "container", checkpointCapable: false },
  otherOfferId: "5001003",
  noCapacity: { offerId: "5009999", message: /no longer available/ },
  canStop: true,
  sshUser: "root",
};

const h = describeConformance(spec);

describe("vastai specifics", () => {
  it("lists a VM-capable ask twice: Docker (no checkpoint) and VM (checkpoint)", async () => {
    const offers = await h.adapter("vastai").listOffers({ gpuModel: "H100" });
    const docker = offers.find((o) => o.id === "5001002");
    const vm = offers.find((o) => o.id === "5001002:vm");
    expect(docker).toMatchObject({ kind: "container", checkpointCapable: false });
    expect(vm).toMatchObject({ kind: "vm", checkpointCapable: true, pricePerHourMicros: 2_620_000 });
    expect((await h.adapter("vastai").listOffers({ checkpointCapable: true })).every((o) => o.kind === "vm")).toBe(true);
  });

  it("creates a VM after putting the SSH key on the account, once", async () => {
    const a = h.adapter("vastai");
    const created = await a.createInstance(input(spec, { offerId: "5001002:vm" }));
    const running = await waitForStatus(a, created.id, "running");
    expect(running.ssh?.user).toBe("root");
    await a.createInstance(input(spec, { offerId: "5001005:vm" }));
    const line = h.sb.state().instances.find((i) => i.id === created.id);
    expect(line?.kind).toBe("vm");
    expect(line?.sshPublicKey).toContain("ssh-ed25519");
  });

  it("a rented ask disappears from search, and ordering it again is no_capacity", async () => {
    const a = h.adapter("vastai");
    await a.createInstance(input(spec));
    expect((await a.listOffers()).some((o) => o.id === "5001001")).toBe(false);
    await expectProviderError(a.createInstance(input(spec)), "no_capacity");
  });

  it("reads the plain-text 429 (no Retry-After) as rate_limited after retries", async () => {
    h.sb.setLimits({ vastCreateIntervalMs: 60_000 });
    const a = h.adapter("vastai");
    await a.createInstance(input(spec));
    const e = await expectProviderError(a.createInstance(input(spec, { offerId: "5001003" })), "rate_limited");
    expect(e.message).toMatch(/too frequent/);
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
