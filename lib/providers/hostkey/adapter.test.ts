import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "@/test/providers/conformance";
import { waitForStatus } from "@/test/providers/harness";
import { rootPassword } from "./adapter";

// bm.h100 in NL: $2190/month ÷ 730 h.
const spec: ConformanceSpec = {
  provider: "hostkey",
  offer: { id: "1001@NL", pricePerHourMicros: 3_000_000, kind: "bare-metal", checkpointCapable: true },
  otherOfferId: "1002@NL",
  noCapacity: { offerId: "1003@FI", message: /No free servers/ },
  canStop: true,
  sshUser: "root",
};

const h = describeConformance(spec);

describe("hostkey specifics", () => {
  it("prices each preset per location from price[location].USD, with that location's stock", async () => {
    const offers = await h.adapter("hostkey").listOffers({ includeUnavailable: true });
    expect(offers.find((o) => o.id === "1001@NL")).toMatchObject({
      pricePerHourMicros: 3_000_000,
      available: true,
      listedDiskGb: 2000,
      region: "NL",
    });
    // The same preset costs $2263/month in the US.
    expect(offers.find((o) => o.id === "1001@US")).toMatchObject({
      pricePerHourMicros: 3_100_000,
      available: true,
      region: "US",
    });
    // Listed, but no stock in FI.
    expect(offers.find((o) => o.id === "1003@FI")).toMatchObject({ available: false, gpuCount: 4 });
    expect(offers.every((o) => o.pricePerHourMicros > 0)).toBe(true);
    expect(offers.some((o) => o.extra.preset === "vds.small")).toBe(false);
    expect((await h.adapter("hostkey").listOffers({ region: "US" })).map((o) => o.id)).toEqual(["1001@US"]);
  });

  it("a powered-off server still bills its full price", async () => {
    const offers = await h.adapter("hostkey").listOffers({ includeUnavailable: true });
    const h100 = offers.find((o) => o.id === "1001@NL")!;
    expect(h100.stoppedPricePerHourMicros).toBe(h100.pricePerHourMicros);
    expect(h100.priceParts).toEqual([{ label: "bm.h100", rateMicros: 3_000_000, per: "instance", whileStopped: true }]);
    expect(offers.find((o) => o.id === "1002@NL")?.kind).toBe("vm");
  });

  it("orders with the traffic plan that fits the preset (asked with `instance`)", async () => {
    const a = h.adapter("hostkey");
    // Without `instance` the first plan in NL fits only the vGPU preset, and the order would be refused.
    const all = (await (
      await fetch(`${h.sb.baseUrls.hostkey}/traffic_plans.php`, {
        method: "POST",
        body: new URLSearchParams({ action: "list", location: "NL" }),
      })
    ).json()) as {
      traffic_plans: { id: number }[];
    };
    expect(all.traffic_plans[0]!.id).toBe(1);
    const created = await a.createInstance(input(spec));
    expect((await waitForStatus(a, created.id, "running")).machineId).not.toBeNull();
  });

  it("reads the hostname from eq/show's tags when server_data has none", async () => {
    const a = h.adapter("hostkey");
    const req = input(spec);
    const created = await a.createInstance(req);
    expect((await a.getInstance(created.id)).machineId).toBe(req.machineId);
  });

  it("says clearly when HOSTKEY refuses hourly billing, and what a monthly order would cost", async () => {
    const e = await expectProviderError(
      h.adapter("hostkey").createInstance(input(spec, { offerId: "1005@NL" })),
      "invalid_request",
    );
    expect(e.providerCode).toBe("HOURLY_REFUSED");
    expect(e.message).toMatch(/refused hourly billing for bm\.h100x2 in NL/);
    expect(e.message).toMatch(/\$4380\.00 for the month/);
    expect(h.sb.state().instances).toHaveLength(0);
  });

  it("resolves an order paid from its invoice later (pending:<invoice>) through deploy_keys and the callback", async () => {
    h.sb.setFaults({ bootMs: 600 });
    const a = h.adapter("hostkey", { apiKey: "invoice-key-1234" });
    const req = input(spec);
    const created = await a.createInstance(req);
    expect(created.id).toMatch(/^pending:\d+$/);
    expect(created.status).toBe("creating");
    const running = await waitForStatus(a, created.id, "running");
    expect(running.id).toMatch(/^\d+$/);
    expect(running.machineId).toBe(req.machineId);
    // Destroy by the pending id cancels the server it resolved to; again is still fine.
    await a.destroy(created.id);
    expect(h.sb.state().instances.find((i) => i.id === running.id)?.phase).toBe("destroyed");
    await expectProviderError(a.getInstance(created.id), "not_found");
    await a.destroy(created.id);
  });

  it("an order on an invoice never paid stays 'creating' with the reason, and destroy explains what to do", async () => {
    const a = h.adapter("hostkey", { apiKey: "unpaid-key-1234" });
    const created = await a.createInstance(input(spec));
    const invoice = /^pending:(\d+)$/.exec(created.id)?.[1];
    expect(invoice).toBeDefined();
    const inst = await a.getInstance(created.id);
    expect(inst).toMatchObject({ status: "creating", rawStatus: `waiting for invoice ${invoice} to be paid` });
    const e = await expectProviderError(a.destroy(created.id), "invalid_request");
    expect(e.message).toMatch(new RegExp(`cancel invoice ${invoice} in HOSTKEY's billing panel`));
  });

  it("logs in again when the session token is rejected", async () => {
    const a = h.adapter("hostkey");
    const created = await a.createInstance(input(spec));
    h.sb.expireSessions();
    expect((await a.getInstance(created.id)).machineId).not.toBeNull();
    await waitForStatus(a, created.id, "running");
  });

  it("verifyKey fails clearly for an account with no servers (NO_APPROPRIATE_SERVERS): order a first server in the panel", async () => {
    const a = h.adapter("hostkey", { apiKey: "noservers-key-1234" });
    const e = await expectProviderError(a.verifyKey(), "invalid_request");
    expect(e.providerCode).toBe("NO_APPROPRIATE_SERVERS");
    expect(e.message).toMatch(/no servers/);
    expect(e.message).toMatch(/Order a first server in HOSTKEY's panel/);
    await expectProviderError(a.listInstances(), "invalid_request");
  });

  it("generates root passwords that meet HOSTKEY's rule", () => {
    for (let n = 0; n < 50; n++) {
      const p = rootPassword();
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/\d/);
      expect(p).toMatch(/[%\-_+]/);
      expect(p).not.toMatch(/[@#]/);
      expect(p.length).toBeGreaterThanOrEqual(8);
    }
  });
});
