import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAdapter, type ProviderSlug } from "@/lib/providers";
import { orderInput, waitForStatus } from "@/test/providers/harness";
import { parseFaults } from "./faults";
import { startSandbox, type Sandbox } from "./server";
import type { SandboxInstanceInfo } from "./types";

let sb: Sandbox;
const destroyed: SandboxInstanceInfo[] = [];

beforeAll(async () => {
  sb = await startSandbox({
    faults: "bootMs=100,transitionMs=40,retryAfter=0",
    limits: { vastCreateIntervalMs: 0 },
    onDestroyed: (i) => destroyed.push(i),
  });
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const adapter = (provider: ProviderSlug) => getAdapter(provider, { apiKey: "k-1234", baseUrl: sb.baseUrls[provider] });

describe("sandbox control API", () => {
  it("parses DUMONT_SANDBOX_FAULTS strings", () => {
    expect(parseFaults("error=0.2,429=0.1,timeout=0.05,lost=0.1,bootMs=3000")).toEqual({
      error: 0.2,
      rateLimit: 0.1,
      timeout: 0.05,
      lost: 0.1,
      bootMs: 3000,
    });
    expect(() => parseFaults("eror=1")).toThrow(/eror/);
  });

  it("sets faults over HTTP and reports them back", async () => {
    const r = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ "429": 0.5, queue: ["error"] }),
    });
    expect(await r.json()).toMatchObject({ rateLimit: 0.5, queue: ["error"] });
    await fetch(`${sb.url}/_sandbox/reset`, { method: "POST" });
    expect(sb.faults()).toMatchObject({ rateLimit: 0, bootMs: 100, queue: [] });
  });

  it("bills running at the running rate and stopped at the stopped rate, exposed at /_sandbox/charges", async () => {
    const a = adapter("vastai");
    const inst = await a.createInstance(orderInput("bill-1", "5001004"));
    await waitForStatus(a, inst.id, "running");
    await new Promise((r) => setTimeout(r, 200));
    const running = (await (await fetch(`${sb.url}/_sandbox/charges`)).json()) as {
      totalMicros: number;
      instances: { costMicros: number; machineId: string }[];
    };
    // $0.38/h for ≥ 200 ms ≈ 21 µ$; well under a cent, but counted.
    expect(running.instances[0]!.machineId).toBe("bill-1");
    expect(running.totalMicros).toBeGreaterThan(15);
    await a.stop!(inst.id);
    await waitForStatus(a, inst.id, "stopped");
    const atStop = sb.charges().totalMicros;
    await new Promise((r) => setTimeout(r, 300));
    const delta = sb.charges().totalMicros - atStop;
    // Stopped: 100 GB × $0.10/GB/month ≈ $0.0137/h → ~1 µ$ in 300 ms, far below the running rate.
    expect(delta).toBeLessThan(5);
    await a.destroy(inst.id);
    expect(destroyed.map((d) => d.machineId)).toContain("bill-1");
  });

  it("exports state and starts again from it", async () => {
    const inst = await adapter("runpod").createInstance(
      orderInput("keep-1", "SECURE:NVIDIA A100 80GB PCIe", { diskGb: 20 }),
    );
    const snap = sb.state();
    const sb2 = await startSandbox({ initialState: snap, faults: { bootMs: 50 } });
    try {
      const b = getAdapter("runpod", { apiKey: "k-1234", baseUrl: sb2.baseUrls.runpod });
      expect((await b.getInstance(inst.id)).machineId).toBe("keep-1");
    } finally {
      await sb2.close();
    }
  });

  it("scopes instances to the API key, like accounts", async () => {
    const a = getAdapter("lambda", {
      apiKey: "alice-key",
      baseUrl: sb.baseUrls.lambda,
      limits: { launchIntervalMs: 0 },
    });
    const b = getAdapter("lambda", { apiKey: "bob-key", baseUrl: sb.baseUrls.lambda });
    sb.setLimits({ lambdaLaunchIntervalMs: 0 });
    const inst = await a.createInstance(orderInput("alice-1", "gpu_1x_a10@us-east-1", { diskGb: 10 }));
    expect(await b.listInstances()).toEqual([]);
    await expect(b.getInstance(inst.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("fails a boot when bootFail fires", async () => {
    sb.setFaults({ bootFail: 1 });
    const a = adapter("tensordock");
    const offers = await a.listOffers({ gpuModel: "V100" });
    const inst = await a.createInstance(orderInput("f-1", offers[0]!.id));
    await waitForStatus(a, inst.id, "failed");
  });

  it("answers unknown prefixes with 404", async () => {
    expect((await fetch(`${sb.url}/nowhere/x`)).status).toBe(404);
  });
});
