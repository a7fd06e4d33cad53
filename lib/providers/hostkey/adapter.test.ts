import { describe, expect, it } from "vitest";
import { describeConformance, expectProviderError, input, type ConformanceSpec } from "../testing/conformance";
import { waitForStatus } from "../testing/harness";
import { rootPassword } from "./adapter";

const spec: ConformanceSpec = {
  provider: "hostkey",
  offer: { filter: { gpuModel: "H100" }, id: "1001@NL", gpuModel: "H100", pricePerHourMicros: 3_000_000, kind: "bare-metal", checkpointCapable: true },
  otherOfferId: "1002@NL",
  noCapacity: { offerId: "1003@FI", message: /No free servers/ },
  canStop: true,
  sshUser: "root",
};

const h = describeConformance(spec);

describe("hostkey specifics", () => {
  it("a powered-off server still bills its full price", async () => {
    const offers = await h.adapter("hostkey").listOffers({ includeUnavailable: true });
    const h100 = offers.find((o) => o.id === "1001@NL")!;
    expect(h100.stoppedPricePerHourMicros).toBe(h100.pricePerHourMicros);
    expect(offers.find((o) => o.id === "1002@NL")?.kind).toBe("vm");
    expect(offers.some((o) => o.extra.preset === "vds.small")).toBe(false);
  });

  it("logs in again when the session token is rejected", async () => {
    const a = h.adapter("hostkey");
    const created = await a.createInstance(input(spec));
    h.sb.expireSessions();
    expect((await a.getInstance(created.id)).machineId).not.toBeNull();
    await waitForStatus(a, created.id, "running");
  });

  it("verifyKey accepts a key whose account has no servers (NO_APPROPRIATE_SERVERS), other calls explain it", async () => {
    const a = h.adapter("hostkey", { apiKey: "noservers-key-1234" });
    await a.verifyKey();
    const e = await expectProviderError(a.listInstances(), "invalid_request");
    expect(e.message).toMatch(/no servers/);
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
