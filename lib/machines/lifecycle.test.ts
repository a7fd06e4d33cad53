import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { machines, users } from "@/db/schema";
import { getMachine, getMachineById, listEvents, listIntervals } from "@/db/queries/machines";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { insertUserWithKey, sandboxStepDeps } from "@/test/sandbox-step-deps";
import { useSandboxMode } from "@/test/sandbox-env";
import type { Sandbox } from "@/sandbox";
import { getAdapter, type ProviderSlug } from "@/lib/providers";
import { MACHINE_STEP_DEADLINES as DEADLINES, STEP_LEASE_MS, STEP_LEASE_RENEW_MS } from "@/lib/deadlines";
import { advanceMachine, type StepDeps } from "./advance-machine";
import { deployMachine } from "./deploy-machine";
import { SANDBOX_KEY } from "./provider-for-user";
import { destroyMachine, startMachine, stopMachine } from "./machine-commands";
import { offerPriceFor } from "@/lib/providers/shared/offer-price";
import { adoptFinding, destroyFinding, listFindings, reconcileUser } from "./reconcile";

// The machine state machine driven step by step against the sandbox's real HTTP APIs, on each driver.
// SSH reachability is answered by a stub here; the sandbox SSH host has its own tests.

const KEY = SANDBOX_KEY;
const sandboxMode = useSandboxMode({ bootMs: 50, transitionMs: 30 });
let sandbox: Sandbox;
beforeAll(() => {
  sandbox = sandboxMode.sandbox;
});

async function runUntilSettled(deps: StepDeps, id: string, maxSteps = 200): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    const next = await advanceMachine(deps, id);
    if (next === null) return;
    await new Promise((r) => setTimeout(r, Math.min(next, 30)));
  }
  const m = await getMachineById(deps.db, id);
  throw new Error(`machine did not settle: ${m?.status} ${m?.statusDetail} ${m?.failureReason}`);
}

describe.each(await availableDrivers())("machine lifecycle on %s", (driver) => {
  let t: TestDb;
  let deps: StepDeps;
  const userId = crypto.randomUUID();
  const other = crypto.randomUUID();
  const keyId = crypto.randomUUID();

  beforeAll(async () => {
    sandbox.reset();
    t = await openTestDb(driver);
    await insertUserWithKey(t.db, userId, keyId);
    await t.db.insert(users).values({ id: other, email: `${other}@example.com`, passwordHash: "x" });
    deps = sandboxStepDeps(t.db, sandbox);
  });
  afterAll(async () => t?.dispose());

  const firstOffer = async (
    provider: ProviderSlug,
    pick: (o: { kind: string; available: boolean }) => boolean = (o) => o.available,
  ) => {
    const offers = await getAdapter(provider, { apiKey: KEY, baseUrl: sandbox.baseUrls[provider] }).listOffers();
    return offers.find(pick)!;
  };

  /** Orders a machine on `offer` as the Deploy page does; the name doubles as the request key. */
  const order = (
    provider: string,
    offer: { id: string },
    name: string,
    size: { gpuCount?: number; diskGb?: number } = {},
  ) =>
    deployMachine(t.db, userId, {
      provider,
      offerId: offer.id,
      gpuCount: size.gpuCount ?? 1,
      diskGb: size.diskGb ?? 100,
      sshKeyId: keyId,
      name,
      requestKey: `req-${name}`,
    });

  it("deploys, stops, starts and destroys a TensorDock machine, with the ledger following each state", async () => {
    const offer = await firstOffer("tensordock");
    const { id } = await order("tensordock", offer, "td-1");
    await runUntilSettled(deps, id);
    let m = (await getMachine(t.db, userId, id))!;
    expect(m.status).toBe("running");
    expect(m.sshHost).toBeTruthy();
    expect(m.readyAt).toBeTruthy();
    expect(sandbox.state().instances.filter((i) => i.name.includes(id))).toHaveLength(1);

    await stopMachine(t.db, userId, id);
    await runUntilSettled(deps, id);
    expect((await getMachine(t.db, userId, id))!.status).toBe("stopped");
    await startMachine(t.db, userId, id);
    await runUntilSettled(deps, id);
    expect((await getMachine(t.db, userId, id))!.status).toBe("running");

    await expect(destroyMachine(t.db, userId, id, "wrong")).rejects.toThrow(/Type the machine's name/);
    await destroyMachine(t.db, userId, id, "td-1");
    await runUntilSettled(deps, id);
    m = (await getMachine(t.db, userId, id))!;
    expect(m.status).toBe("destroyed");
    expect(sandbox.state().instances.find((i) => i.name.includes(id))?.phase ?? "destroyed").toBe("destroyed");

    const intervals = await listIntervals(t.db, userId, [id]);
    expect(intervals.map((i) => i.state)).toEqual(["running", "stopped", "running"]);
    expect(intervals.every((i) => i.endedAt !== null)).toBe(true);
    expect(intervals[0]!.ratePerHourMicros).toBe(m.pricePerHourMicros);
    const steps = (await listEvents(t.db, userId, id)).map((e) => `${e.step}:${e.outcome}`);
    expect(steps).toEqual(
      expect.arrayContaining(["order:done", "ssh:done", "ready:done", "stop:done", "start:done", "destroy:done"]),
    );
    // In the order they happened, though "order:started" and "order:done" share one clock reading.
    expect(steps.slice(0, 3)).toEqual(["request:done", "order:started", "order:done"]);
    expect(steps.indexOf("stop:done")).toBeLessThan(steps.indexOf("start:done"));
    // The price kept is every billed part quoted at order time, and the ledger bills exactly that.
    expect(m.priceParts!.length).toBeGreaterThan(1);
    expect(m.priceParts!.reduce((s, p) => s + p.pricePerHourMicros, 0)).toBe(m.pricePerHourMicros);
    expect(m.pricePerHourMicros).toBe(offer.pricePerHourMicros);
    // Another user sees none of it.
    expect(await getMachine(t.db, other, id)).toBeNull();
    expect(await listEvents(t.db, other, id)).toEqual([]);
  });

  it("a step holds its machine's lease for as long as it runs, and lets go when it ends; a dead step's lease lapses after STEP_LEASE_MS", async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const lease = async () =>
      (await t.db.select({ l: machines.leaseUntil }).from(machines).where(eq(machines.id, id)))[0]!.l;
    const offer = await firstOffer("tensordock");
    const { id } = await order("tensordock", offer, "td-lease");
    let entered!: () => void;
    const inSsh = new Promise<void>((r) => (entered = r));
    // The SSH check of the last step takes longer than a renewal period, twice.
    const slow: StepDeps = {
      ...deps,
      sshReachable: async () => {
        entered();
        await sleep(STEP_LEASE_RENEW_MS * 2 + 500);
        return true;
      },
    };
    const run = runUntilSettled(slow, id);
    await inSsh;
    const first = (await lease())!;
    // Another worker finds it held and looks again later.
    expect(await advanceMachine(deps, id)).toBe(5_000);
    await sleep(STEP_LEASE_RENEW_MS + 500);
    expect((await lease())!.getTime()).toBeGreaterThan(first.getTime());
    await run;
    expect((await getMachine(t.db, userId, id))!.status).toBe("running");
    expect(await lease()).toBeNull();
    // A worker killed mid-step leaves its lease: held until it lapses, then taken.
    await stopMachine(t.db, userId, id);
    const t0 = Date.now();
    await t.db
      .update(machines)
      .set({ leaseUntil: new Date(t0 + STEP_LEASE_MS) })
      .where(eq(machines.id, id));
    expect(await advanceMachine({ ...deps, now: () => new Date(t0 + STEP_LEASE_MS - 1000) }, id)).toBe(5_000);
    expect(await advanceMachine({ ...deps, now: () => new Date(t0 + STEP_LEASE_MS + 1000) }, id)).not.toBe(5_000);
    await runUntilSettled(deps, id);
    expect((await getMachine(t.db, userId, id))!.status).toBe("stopped");
  });

  it("orders once when the create reply is lost, finding the instance by our machine id", async () => {
    const offer = await firstOffer("runpod");
    sandbox.setFaults({}, ["lost:create"]);
    const { id } = await order("runpod", offer, "rp-lost", { diskGb: 50 });
    await runUntilSettled(deps, id);
    expect((await getMachine(t.db, userId, id))!.status).toBe("running");
    expect(sandbox.state().instances.filter((i) => i.name.includes(id))).toHaveLength(1);
    await destroyMachine(t.db, userId, id, null);
    await runUntilSettled(deps, id);
  });

  it("a double click (same request key) orders one machine", async () => {
    const offer = await firstOffer("tensordock");
    const input = {
      provider: "tensordock",
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 100,
      sshKeyId: keyId,
      name: "dbl",
      requestKey: "req-double",
    };
    const [a, b] = await Promise.all([deployMachine(t.db, userId, input), deployMachine(t.db, userId, input)]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    await destroyMachine(t.db, userId, a.id, null);
    await runUntilSettled(deps, a.id);
  });

  it("refuses to stop a Lambda machine, which can only be destroyed", async () => {
    const offer = await firstOffer("lambda");
    const { id } = await order("lambda", offer, "lam", { gpuCount: offer.gpuCount });
    await runUntilSettled(deps, id);
    await expect(stopMachine(t.db, userId, id)).rejects.toThrow(/cannot stop a machine/);
    await destroyMachine(t.db, userId, id, null);
    await runUntilSettled(deps, id);
    expect((await getMachine(t.db, userId, id))!.status).toBe("destroyed");
  });

  it("a boot past its deadline destroys what was ordered and says why", async () => {
    const offer = await firstOffer("tensordock");
    const { id } = await order("tensordock", offer, "slow");
    const never = { ...deps, sshReachable: async () => false };
    await advanceMachine(never, id); // requested → creating
    await advanceMachine(never, id); // creating → booting
    const late = { ...never, now: () => new Date(Date.now() + DEADLINES.boot + 60_000) };
    await advanceMachine(late, id);
    await runUntilSettled(late, id);
    const m = (await getMachine(t.db, userId, id))!;
    expect(m.status).toBe("failed");
    expect(m.failureReason).toMatch(/did not become ready/);
    expect(sandbox.state().instances.find((i) => i.name.includes(id))?.phase).toBe("destroyed");
  });

  it("a running instance the adapter says will never have SSH fails at once with the adapter's reason, and is destroyed", async () => {
    const offer = await firstOffer("runpod");
    const { id } = await order("runpod", offer, "no-ssh", { diskGb: 50 });
    // What the RunPod adapter reports for a running pod without a public 22/tcp.
    const reason =
      "RunPod gave this pod no public SSH port (its 22/tcp has no public IP and port), so we cannot reach it.";
    const noSsh: StepDeps = {
      ...deps,
      adapterFor: async (m) => {
        const a = await deps.adapterFor(m);
        return {
          ...a,
          getInstance: async (iid) =>
            ((i) => (i.status === "running" ? { ...i, ssh: null, extra: { ...i.extra, sshUnavailable: reason } } : i))(
              await a.getInstance(iid),
            ),
        };
      },
    };
    await runUntilSettled(noSsh, id);
    const m = (await getMachine(t.db, userId, id))!;
    expect(m.status).toBe("failed");
    expect(m.failureReason).toBe(reason);
    expect(sandbox.state().instances.find((i) => i.name.includes(id))?.phase).toBe("destroyed");
  });

  it("reconciles: an orphan with our tag is found, adopted or destroyed; a vanished instance is flagged", async () => {
    // RunPod reports each instance's price, which the finding shows.
    const adapter = await deps.adapterFor({ provider: "runpod" } as never);
    const offer = await firstOffer("runpod");
    const pub = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2m9C0xZ0e3y3lq8lUu0cK2QXkq0K0M1h8S1c2c1d2e test";
    // Two instances ordered "by a crashed app": our tag, no rows.
    const ghostA = crypto.randomUUID();
    const ghostB = crypto.randomUUID();
    const a = await adapter.createInstance({
      machineId: ghostA,
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 100,
      sshPublicKey: pub,
      name: "ghost-a",
    });
    await adapter.createInstance({
      machineId: ghostB,
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 100,
      sshPublicKey: pub,
      name: "ghost-b",
    });
    // And one of ours that someone destroys behind the app's back.
    const { id } = await order("runpod", offer, "victim");
    await runUntilSettled(deps, id);
    const victim = (await getMachine(t.db, userId, id))!;
    await adapter.destroy(victim.providerInstanceId!);
    await new Promise((r) => setTimeout(r, 200));

    await reconcileUser(t.db, userId);
    let findings = await listFindings(t.db, userId);
    const orphanA = findings.find((f) => f.machineId === ghostA)!;
    const orphanB = findings.find((f) => f.machineId === ghostB)!;
    expect(orphanA).toMatchObject({ kind: "orphan", providerInstanceId: a.id });
    // The ghosts were ordered with 100 GB of disk, which RunPod bills on top of the GPU.
    expect(orphanA.pricePerHourMicros).toBe(offerPriceFor(offer, 1, 100).pricePerHourMicros);
    expect(findings.find((f) => f.machineId === id)).toMatchObject({ kind: "vanished" });
    // The other user, on the same sandbox key, is not shown this user's instances.
    await reconcileUser(t.db, other);
    expect((await listFindings(t.db, other)).filter((f) => f.machineId === id)).toEqual([]);

    const adopted = await adoptFinding(t.db, userId, orphanA.id);
    await runUntilSettled(deps, adopted);
    expect((await getMachine(t.db, userId, adopted))!.status).toBe("running");
    await destroyFinding(t.db, userId, orphanB.id);
    await destroyFinding(t.db, userId, findings.find((f) => f.machineId === id)!.id);
    expect((await getMachine(t.db, userId, id))!.status).toBe("failed");
    await new Promise((r) => setTimeout(r, 200));
    await reconcileUser(t.db, userId);
    findings = await listFindings(t.db, userId);
    expect(
      findings
        .filter((f) => [ghostA, ghostB, id].includes(f.machineId ?? ""))
        .map((f) => `${f.kind}:${f.name}:${f.providerStatus}`),
    ).toEqual([]);
    await destroyMachine(t.db, userId, adopted, null);
    await runUntilSettled(deps, adopted);
  });

  it("rejects bad input with field messages and an offer that vanished", async () => {
    await expect(
      deployMachine(t.db, userId, {
        provider: "nope",
        offerId: "",
        gpuCount: 0,
        diskGb: 5,
        sshKeyId: keyId,
        name: "bad name!",
      }),
    ).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: expect.objectContaining({
        provider: expect.any(String),
        gpuCount: expect.any(String),
        diskGb: expect.any(String),
        name: expect.any(String),
      }),
    });
    await expect(
      deployMachine(t.db, userId, {
        provider: "tensordock",
        offerId: "gone:offer",
        gpuCount: 1,
        diskGb: 100,
        sshKeyId: keyId,
        name: "x",
      }),
    ).rejects.toThrow(/no longer available/);
    await expect(
      deployMachine(t.db, other, {
        provider: "tensordock",
        offerId: "x",
        gpuCount: 1,
        diskGb: 100,
        sshKeyId: keyId,
        name: "x",
      }),
    ).rejects.toThrow(/Choose one of your SSH keys/);
  });
});
