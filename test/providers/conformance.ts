// The behaviour every adapter must show against the sandbox, run once per provider.

import { describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/http";
import { findInstanceByMachineId } from "@/lib/providers/shared/offers";
import { priceOfOrder } from "@/lib/providers/shared/price-parts";
import type { CreateInstanceInput, InstanceKind, OfferFilter, ProviderSlug } from "@/lib/providers/types";
import { orderInput, useSandbox, waitForStatus, type SandboxHandle } from "./harness";

/** The model every provider's conformance offer is, and the filter its listing is asked with. */
const MODEL = "H100";
const MODEL_FILTER: OfferFilter = { gpuModel: MODEL };

export interface ConformanceSpec {
  provider: ProviderSlug;
  /** An H100 offer that can be created, and what listOffers must say about it. */
  offer: { id: string; pricePerHourMicros: number; kind: InstanceKind; checkpointCapable: boolean };
  /** A second creatable offer, for tests that order more than one machine at once. */
  otherOfferId: string;
  /** An offer id that exists but has no capacity, and a fragment of the expected message. */
  noCapacity: { offerId: string; gpuCount?: number; message?: RegExp };
  canStop: boolean;
  sshUser: string;
  diskGb?: number;
  gpuCount?: number;
}

/** The ProviderError a promise rejects with (fails when it resolves or rejects with anything else). */
export async function expectRejection(p: Promise<unknown>, expected = "a ProviderError"): Promise<ProviderError> {
  const e = await p.then(
    () => {
      throw new Error(`expected ${expected}, got success`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

export async function expectProviderError(p: Promise<unknown>, code: ProviderError["code"]): Promise<ProviderError> {
  const e = await expectRejection(p, `ProviderError ${code}`);
  expect(e.code, e.message).toBe(code);
  return e;
}

let seq = 0;
export function input(spec: ConformanceSpec, over: Partial<CreateInstanceInput> = {}): CreateInstanceInput {
  seq += 1;
  return orderInput(`m${Date.now().toString(36)}-${seq}`, spec.offer.id, {
    gpuCount: spec.gpuCount ?? 1,
    diskGb: spec.diskGb ?? 100,
    name: `Test machine ${seq}`,
    ...over,
  });
}

export function describeConformance(spec: ConformanceSpec): SandboxHandle {
  const h = useSandbox();
  const adapter = () => h.adapter(spec.provider);

  describe(`${spec.provider} adapter against the sandbox`, () => {
    it("lists normalized offers with integer micro-dollar prices", async () => {
      const offers = await adapter().listOffers(MODEL_FILTER);
      const o = offers.find((x) => x.id === spec.offer.id);
      expect(o, `offer ${spec.offer.id} in ${offers.map((x) => x.id).join(", ")}`).toBeDefined();
      expect(o).toMatchObject({
        provider: spec.provider,
        gpuModel: MODEL,
        pricePerHourMicros: spec.offer.pricePerHourMicros,
        kind: spec.offer.kind,
        checkpointCapable: spec.offer.checkpointCapable,
        available: true,
      });
      for (const x of offers) {
        // The listed price is the sum of every billed part, so what the deploy page shows is what is stored.
        expect(x.priceParts.length, `${x.id} lists its billed parts`).toBeGreaterThan(0);
        const listed = priceOfOrder(x.priceParts, { gpuCount: x.gpuCount, diskGb: x.listedDiskGb });
        expect(listed.runningMicros, `${x.id} parts add up to its price`).toBe(x.pricePerHourMicros);
        if (x.stoppedPricePerHourMicros !== null)
          expect(listed.stoppedMicros, `${x.id} stopped parts`).toBe(x.stoppedPricePerHourMicros);
        expect(Number.isInteger(x.pricePerHourMicros)).toBe(true);
        expect(x.stoppedPricePerHourMicros === null || Number.isInteger(x.stoppedPricePerHourMicros)).toBe(true);
        expect(x.vramGb).toBeGreaterThan(0);
      }
    });

    it(`has capability flags canStop=${spec.canStop}`, () => {
      const a = adapter();
      expect(a.capabilities.canStop).toBe(spec.canStop);
      expect(typeof a.stop === "function").toBe(spec.canStop);
      expect(typeof a.start === "function").toBe(spec.canStop);
    });

    it("creates, boots to running with an SSH endpoint, stops/starts when it can, destroys idempotently", async () => {
      const a = adapter();
      const req = input(spec);
      const created = await a.createInstance(req);
      expect(created.machineId).toBe(req.machineId);
      expect(["creating", "booting", "starting", "running"]).toContain(created.status);

      const running = await waitForStatus(a, created.id, "running");
      expect(running.machineId).toBe(req.machineId);
      expect(running.ssh).toEqual({ host: "127.0.0.1", port: h.sshPorts.get(created.id), user: spec.sshUser });

      const listed = await a.listInstances();
      expect(listed.find((i) => i.id === created.id)?.machineId).toBe(req.machineId);

      if (spec.canStop) {
        await a.stop!(created.id);
        await waitForStatus(a, created.id, "stopped");
        await a.start!(created.id);
        await waitForStatus(a, created.id, "running");
      }

      // The sandbox bills by the clock.
      const line = h.sb.charges().instances.find((l) => l.id === created.id);
      expect(line?.costMicros).toBeGreaterThan(0);
      expect(line?.machineId).toBe(req.machineId);

      await a.destroy(created.id);
      await a.destroy(created.id); // already going or gone: still success
      await expect
        .poll(
          async () =>
            a.getInstance(created.id).then(
              (i) => i.status,
              (e: ProviderError) => e.code,
            ),
          { timeout: 3_000, interval: 25 },
        )
        .toMatch(/^(not_found|destroyed)$/);
      await a.destroy(created.id); // gone: still success
      expect((await a.listInstances()).some((i) => i.id === created.id && i.status !== "destroyed")).toBe(false);
    });

    it("verifyKey accepts a good key and rejects a bad one without echoing it", async () => {
      await adapter().verifyKey();
      const e = await expectProviderError(
        h.adapter(spec.provider, { apiKey: "bad-secret-key-987" }).verifyKey(),
        "auth",
      );
      expect(e.message).not.toContain("bad-secret-key-987");
      expect(e.message.length).toBeGreaterThan(20);
    });

    it("getInstance of an unknown id is not_found", async () => {
      await expectProviderError(adapter().getInstance("999999"), "not_found");
    });

    it("reports no capacity as no_capacity with a readable message", async () => {
      const e = await expectProviderError(
        adapter().createInstance(
          input(spec, { offerId: spec.noCapacity.offerId, gpuCount: spec.noCapacity.gpuCount ?? 1 }),
        ),
        "no_capacity",
      );
      if (spec.noCapacity.message) expect(e.message).toMatch(spec.noCapacity.message);
      expect(e.outcomeUnknown).toBe(false);
    });

    it("retries 429s and succeeds", async () => {
      h.sb.setFaults({}, ["429", "429"]);
      expect((await adapter().listOffers(MODEL_FILTER)).length).toBeGreaterThan(0);
      expect(h.sb.faults().queue).toEqual([]);
    });

    it("retries 5xx on reads and succeeds", async () => {
      h.sb.setFaults({}, ["error", "error"]);
      await adapter().listInstances();
      expect(h.sb.faults().queue).toEqual([]);
    });

    it("gives up on repeated 429s with rate_limited", async () => {
      h.sb.setFaults({}, ["429", "429", "429", "429"]);
      await expectProviderError(adapter().listInstances(), "rate_limited");
    });

    it("surfaces a hanging API as a timeout", async () => {
      h.sb.setFaults({ timeout: 1 });
      const a = h.adapter(spec.provider, { timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
      await expectProviderError(a.listInstances(), "timeout");
    });

    /** A create whose reply `fault` loses: reported with its outcome unknown, then found by machine id. */
    async function createLosingReply(fault: "lost" | "reset"): Promise<ProviderError> {
      const a = adapter();
      const req = input(spec, { offerId: spec.otherOfferId });
      h.sb.setFaults({}, [fault]);
      const e = await expectProviderError(a.createInstance(req), "unavailable");
      expect(e.outcomeUnknown).toBe(true);
      expect((await findInstanceByMachineId(a, req.machineId))?.machineId).toBe(req.machineId);
      return e;
    }

    it("after a lost create reply (502), finds the instance by machine id instead of ordering again", async () => {
      const e = await createLosingReply("lost");
      expect(e.message).toMatch(/machine id/);
      expect(h.sb.state().instances.filter((i) => i.provider === spec.provider)).toHaveLength(1);
    });

    it("after a reset connection on create, also finds the instance", async () => {
      await createLosingReply("reset");
    });

    it("does not retry a create on 5xx (it could order twice)", async () => {
      h.sb.setFaults({}, ["error:create"]);
      const e = await expectProviderError(adapter().createInstance(input(spec)), "unavailable");
      expect(e.outcomeUnknown).toBe(true);
    });
  });

  return h;
}
