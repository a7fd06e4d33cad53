import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { getMachineById, listIntervals } from "@/db/queries/machines";
import {
  claimAction,
  failAbandonedActions,
  insertAction,
  intervalPage,
  listActions,
  listAlerts,
  staleQueuedActions,
} from "@/db/queries/spending";
import { LEASE_MS } from "@/lib/deadlines";
import { leaseUntil } from "@/db/lease";
import { advanceMachine, type StepDeps, deployMachine, SANDBOX_KEY, transition } from "@/lib/machines";
import { getAdapter, type ProviderSlug } from "@/lib/providers";
import type { Sandbox } from "@/sandbox";
import { availableDrivers, openTestDb, type TestDb } from "@/test/test-db";
import { insertUserWithKey, sandboxStepDeps } from "@/test/sandbox-step-deps";
import { useSandboxMode } from "@/test/sandbox-env";
import { checkpointAllCuda } from "./checkpoint-all";
import { intervalsCsvStream } from "./csv";
import { evaluateUser } from "./evaluate-budgets";
import { parseRange } from "./periods";
import { fetchProviderCharges } from "./provider-charges";
import { getSpendingPage, getSpendingSummary } from "./read-spending";
import { runBudgetAction } from "./run-budget-action";
import { saveBudget, saveMachineLimit } from "./save-limits";

// A sandbox machine driven through its life on a controlled clock (advanceMachine with `now`, and
// `transition` for the user's requests), then the exact ledger and the exact sums from SQL; budgets
// that alert once and act; truth checks; the CSV stream paging. On each driver.

const sandboxMode = useSandboxMode({ bootMs: 20, transitionMs: 20 });
let sandbox: Sandbox;
beforeAll(() => {
  sandbox = sandboxMode.sandbox;
});

const at = (iso: string) => new Date(iso);

describe.each(await availableDrivers())("spending on %s", (driver) => {
  let t: TestDb;
  let deps: StepDeps;
  let clock = at("2026-10-31T22:00:00.000Z");
  const alice = crypto.randomUUID();
  const bob = crypto.randomUUID();
  const keys = { [alice]: crypto.randomUUID(), [bob]: crypto.randomUUID() };
  let machineA = "";

  const settle = async (id: string) => {
    for (let i = 0; i < 300; i++) {
      const next = await advanceMachine(deps, id);
      if (next === null) return;
      await new Promise((r) => setTimeout(r, Math.min(next, 15)));
    }
    throw new Error(`machine ${id} did not settle`);
  };
  /** What stopMachine/startMachine/destroyMachine write, at the test's clock instead of the wall's. */
  const request = async (id: string, status: "stopping" | "starting" | "destroying") => {
    const m = (await getMachineById(t.db, id))!;
    await transition(t.db, m, { status }, [{ step: status, outcome: "started" }], clock);
    await settle(id);
  };
  const deploy = async (userId: string, provider: ProviderSlug, name: string) => {
    const offer = (
      await getAdapter(provider, { apiKey: SANDBOX_KEY, baseUrl: sandbox.baseUrls[provider] }).listOffers()
    ).find((o) => o.available && o.gpuCount <= 1)!;
    const { id } = await deployMachine(t.db, userId, {
      provider,
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 50,
      sshKeyId: keys[userId],
      name,
      requestKey: name,
    });
    await settle(id);
    expect((await getMachineById(t.db, id))!.status).toBe("running");
    return (await getMachineById(t.db, id))!;
  };

  beforeAll(async () => {
    sandbox.reset();
    t = await openTestDb(driver);
    for (const id of [alice, bob]) await insertUserWithKey(t.db, id, keys[id]!);
    deps = sandboxStepDeps(t.db, sandbox, { now: () => clock });
  });
  afterAll(async () => t?.dispose());

  it("create, run, stop, start, destroy across a month boundary: the exact ledger and the exact sums", async () => {
    // RunPod bills per second. Booting at 22:00 Oct 31 opens the running interval.
    clock = at("2026-10-31T22:00:00.000Z");
    const m = await deploy(alice, "runpod", "rp-ledger");
    machineA = m.id;
    const P = m.pricePerHourMicros;
    const S = m.stoppedPricePerHourMicros ?? 0;
    expect(P).toBeGreaterThan(0);
    clock = at("2026-10-31T23:30:00.000Z");
    await request(m.id, "stopping");
    clock = at("2026-11-01T01:30:00.000Z");
    await request(m.id, "starting");
    clock = at("2026-11-01T02:15:10.500Z");
    await request(m.id, "destroying");
    expect((await getMachineById(t.db, m.id))!.status).toBe("destroyed");

    const ledger = (await listIntervals(t.db, alice, [m.id])).map((i) => ({
      state: i.state,
      rate: i.ratePerHourMicros,
      g: i.granularity,
      from: i.startedAt.toISOString(),
      to: i.endedAt?.toISOString(),
    }));
    expect(ledger).toEqual([
      { state: "running", rate: P, g: "second", from: "2026-10-31T22:00:00.000Z", to: "2026-10-31T23:30:00.000Z" },
      { state: "stopped", rate: S, g: "second", from: "2026-10-31T23:30:00.000Z", to: "2026-11-01T01:30:00.000Z" },
      { state: "running", rate: P, g: "second", from: "2026-11-01T01:30:00.000Z", to: "2026-11-01T02:15:10.500Z" },
    ]);

    // October: 1 h 30 min running = ceil(1.5 P), and the first 30 min stopped = ceil(S / 2).
    // November: the other 1 h 30 min stopped (2 S − ceil(S / 2)), then 45 min 10.5 s running, billed
    // 45 min 11 s = 2,711,000 ms: ceil(P × 2,711,000 / 3,600,000).
    const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
    const oct = ceilDiv(P * 3, 2) + ceilDiv(S, 2);
    const nov = 2 * S - ceilDiv(S, 2) + ceilDiv(P * 2_711_000, 3_600_000);
    const now = at("2026-11-01T03:00:00.000Z");
    const s = await getSpendingSummary(t.db, alice, parseRange("2026-10-01", "2026-11-30", now), now);
    expect(s.monthMicros).toBe(nov);
    expect(s.todayMicros).toBe(nov);
    expect(s.rangeMicros).toBe(oct + nov);
    expect(s.runningRateMicros + s.stoppedRateMicros).toBe(0);
    expect(s.projectionMicros).toBe(nov);
    expect(s.byProvider).toEqual([{ key: "runpod", rangeMicros: oct + nov, monthMicros: nov, rateNowMicros: 0 }]);
    expect(s.machines[m.id]).toMatchObject({ name: "rp-ledger", status: "destroyed" });
    // The chart's days add up to the same figures.
    const page = await getSpendingPage(t.db, alice, parseRange("2026-10-31", "2026-11-01", now), now, {
      charges: async () => new Map(),
    });
    expect(page.daily.days).toEqual([
      { day: "2026-10-31", runpod: oct },
      { day: "2026-11-01", runpod: nov },
    ]);
    // Bob sees none of it.
    expect((await getSpendingSummary(t.db, bob, parseRange(null, null, now), now)).byMachine).toEqual([]);
  });

  it("a monthly budget alerts at 80% and at 100% once each, and 'stop' stops the machine", async () => {
    clock = at("2026-11-10T00:00:00.000Z");
    const b = await deploy(bob, "runpod", "rp-budget");
    const P = b.pricePerHourMicros;
    const enqueued: string[] = [];
    const enqueue = async (id: string) => void enqueued.push(id);
    // Budget: one hour of this machine. 47 min is 78% (nothing); 48 min is 80%.
    const first = await saveBudget(
      t.db,
      bob,
      { amount: (P / 1e6).toFixed(6), action: "stop" },
      enqueue,
      at("2026-11-10T00:47:00.000Z"),
    );
    expect(first.alerts).toEqual([]);
    expect((await evaluateUser(t.db, bob, at("2026-11-10T00:48:00.000Z"), enqueue)).alerts.map((a) => a.kind)).toEqual([
      "80",
    ]);
    expect((await evaluateUser(t.db, bob, at("2026-11-10T00:55:00.000Z"), enqueue)).alerts).toEqual([]);
    const full = await evaluateUser(t.db, bob, at("2026-11-10T01:00:00.000Z"), enqueue);
    expect(full.alerts.map((a) => a.kind)).toEqual(["100"]);
    expect(full.actions).toHaveLength(1);
    expect(full.actions[0]).toMatchObject({ machineId: b.id, action: "stop", status: "queued" });
    expect(enqueued).toEqual([full.actions[0]!.id]);
    expect((await evaluateUser(t.db, bob, at("2026-11-10T01:05:00.000Z"), enqueue)).alerts).toEqual([]);
    expect((await listAlerts(t.db, bob)).map((a) => a.kind).sort()).toEqual(["100", "80"]);
    expect(await listAlerts(t.db, alice)).toEqual([]);

    clock = at("2026-11-10T01:01:00.000Z");
    const stepped: string[] = [];
    const done = await runBudgetAction(
      { db: t.db, enqueueStep: async (id) => void stepped.push(id), now: () => clock },
      full.actions[0]!.id,
    );
    expect(done).toMatchObject({ status: "done", error: null });
    expect(done!.steps.map((s) => s.message).join(" ")).toMatch(/Stop requested for rp-budget/);
    expect(stepped).toEqual([b.id]);
    await settle(b.id);
    expect((await getMachineById(t.db, b.id))!.status).toBe("stopped");
    // A second run of the same action does nothing (it is not queued any more).
    expect(await runBudgetAction({ db: t.db, enqueueStep: async () => {} }, full.actions[0]!.id)).toBeNull();
  });

  it("a machine that cannot stop (Lambda) falls back to warn and says so; checkpoint-then-destroy destroys with the probe's reason", async () => {
    clock = at("2026-11-12T00:00:00.000Z");
    const c = await deploy(bob, "lambda", "lb-cap");
    expect(c.canStop).toBe(false);
    const enqueue = async () => {};
    const deps2 = { db: t.db, enqueueStep: async () => {}, checkpointAll: checkpointAllCuda, now: () => clock };
    clock = at("2026-11-12T00:10:00.000Z");
    const capped = await saveMachineLimit(
      t.db,
      bob,
      { machineId: c.id, cap: "0.000001", action: "stop" },
      enqueue,
      clock,
    );
    expect(capped.alerts.map((a) => a.kind)).toEqual(["80", "100"]);
    const stop = await runBudgetAction(deps2, capped.actions[0]!.id);
    expect(stop!.status).toBe("done");
    expect(stop!.error).toMatch(/Lambda cannot stop a machine/);
    expect(stop!.steps.at(-1)!.message).toMatch(/Fell back to warn/);
    expect((await getMachineById(t.db, c.id))!.status).toBe("running");

    const ended = await saveMachineLimit(
      t.db,
      bob,
      { machineId: c.id, endsAt: "2026-11-12T00:05", action: "checkpoint_destroy" },
      enqueue,
      clock,
    );
    expect(ended.alerts.map((a) => a.kind)).toEqual(["end_time"]);
    const cd = await runBudgetAction(deps2, ended.actions[0]!.id);
    expect(cd!.status).toBe("done");
    const log = cd!.steps.map((s) => s.message).join("\n");
    expect(log).toMatch(/Checkpoint not possible: the machine was never probed/);
    expect(log).toMatch(/Destroying anyway/);
    expect(log).toMatch(/Destroy requested for lb-cap/);
    expect((await getMachineById(t.db, c.id))!.status).toBe("destroying");
    await settle(c.id);
    expect((await listActions(t.db, bob)).map((a) => a.action)).toEqual(
      expect.arrayContaining(["stop", "checkpoint_destroy"]),
    );
    expect(await listActions(t.db, alice)).toEqual([]);
  });

  it("hibernate at the limit: hands the machine to the hibernate pipeline, or falls back to checkpoint then destroy with the reason", async () => {
    clock = at("2026-11-12T01:00:00.000Z");
    const h1 = await deploy(bob, "tensordock", "td-hib");
    const h2 = await deploy(bob, "tensordock", "td-nohib");
    const asked: string[] = [];
    const deps2 = {
      db: t.db,
      enqueueStep: async () => {},
      checkpointAll: checkpointAllCuda,
      now: () => clock,
      hibernate: async (_u: string, machineId: string) => {
        if (machineId === h2.id)
          throw new DomainError("conflict", "Add an S3-compatible bucket in Settings → Object storage first.");
        asked.push(machineId);
      },
    };
    const a1 = await insertAction(t.db, {
      id: crypto.randomUUID(),
      userId: bob,
      machineId: h1.id,
      action: "hibernate",
      status: "queued",
      steps: [],
      createdAt: clock,
    });
    const r1 = await runBudgetAction(deps2, a1.id);
    expect(r1).toMatchObject({ status: "done", error: null });
    expect(r1!.steps.at(-1)!.message).toMatch(/Hibernating td-hib/);
    expect(asked).toEqual([h1.id]);
    expect((await getMachineById(t.db, h1.id))!.status).toBe("running");

    const a2 = await insertAction(t.db, {
      id: crypto.randomUUID(),
      userId: bob,
      machineId: h2.id,
      action: "hibernate",
      status: "queued",
      steps: [],
      createdAt: clock,
    });
    const r2 = await runBudgetAction(deps2, a2.id);
    const log = r2!.steps.map((s) => s.message).join("\n");
    expect(log).toMatch(/Could not hibernate td-nohib: Add an S3-compatible bucket.*hard cap/);
    expect(log).toMatch(/Destroy requested for td-nohib/);
    expect((await getMachineById(t.db, h2.id))!.status).toBe("destroying");
    await settle(h2.id);
  });

  it("a budget action whose worker died is taken again when its lease lapses; after three deaths it is failed with what to check", async () => {
    clock = at("2026-11-13T00:00:00.000Z");
    const d = await deploy(bob, "runpod", "rp-lease");
    clock = at("2026-11-13T00:10:00.000Z");
    const capped = await saveMachineLimit(
      t.db,
      bob,
      { machineId: d.id, cap: "0.000001", action: "stop" },
      async () => {},
      clock,
    );
    const id = capped.actions[0]!.id;
    // A worker takes it and is killed at once: its lease runs 45 s.
    expect(await claimAction(t.db, id, clock, leaseUntil(clock.getTime()))).toMatchObject({
      status: "running",
      attempts: 1,
    });
    const deps2 = { db: t.db, enqueueStep: async () => {}, now: () => clock };
    expect(await runBudgetAction(deps2, id)).toBeNull();
    expect((await staleQueuedActions(t.db, at("2026-11-13T00:00:00.000Z"), clock)).map((a) => a.id)).not.toContain(id);
    clock = new Date(clock.getTime() + LEASE_MS + 1000);
    expect((await staleQueuedActions(t.db, at("2026-11-13T00:00:00.000Z"), clock)).map((a) => a.id)).toContain(id);
    const again = await runBudgetAction(deps2, id);
    expect(again).toMatchObject({ status: "done", attempts: 2 });
    expect(again!.steps.map((s) => s.message).join("\n")).toMatch(/Taken up again[\s\S]*Stop requested for rp-lease/);
    await settle(d.id);
    expect((await getMachineById(t.db, d.id))!.status).toBe("stopped");

    // Another action whose workers die three times: failed, saying what to check; never taken a fourth time.
    const other = await insertAction(t.db, {
      id: crypto.randomUUID(),
      userId: bob,
      machineId: d.id,
      action: "checkpoint_destroy",
      status: "queued",
      steps: [],
      createdAt: clock,
    });
    for (let i = 0; i < 3; i++) {
      expect(await claimAction(t.db, other.id, clock, leaseUntil(clock.getTime()))).not.toBeNull();
      clock = new Date(clock.getTime() + LEASE_MS + 1000);
    }
    expect(await failAbandonedActions(t.db, clock, 3)).toBe(1);
    const failed = (await listActions(t.db, bob)).find((a) => a.id === other.id)!;
    expect(failed).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/stopped 3 times.*may still be billing/),
    });
    expect(await runBudgetAction(deps2, other.id)).toBeNull();
    expect((await getMachineById(t.db, d.id))!.status).toBe("stopped");
  });

  it("truth checks: the provider's figure beside ours, flagged over 1%", async () => {
    const now = at("2026-11-01T03:00:00.000Z");
    const ours = (
      await getSpendingPage(t.db, alice, parseRange(null, null, now), now, {
        charges: async () => new Map([[machineA, { costMicros: 1, source: "x" }]]),
      })
    ).truth[0]!.oursMicros;
    const check = async (theirs: number) =>
      (
        await getSpendingPage(t.db, alice, parseRange(null, null, now), now, {
          charges: async () =>
            new Map([
              [machineA, { costMicros: theirs, source: "sandbox charges" }],
              ["someone-elses", { costMicros: 5, source: "x" }],
            ]),
        })
      ).truth;
    expect(await check(ours)).toEqual([
      {
        machineId: machineA,
        oursMicros: ours,
        theirsMicros: ours,
        diffRatio: 0,
        flagged: false,
        source: "sandbox charges",
      },
    ]);
    const off = await check(Math.round(ours / 1.05));
    expect(off).toHaveLength(1);
    expect(off[0]!.flagged).toBe(true);
    // The sandbox's own meter is read from its charges endpoint, keyed by our machine id.
    const charges = await fetchProviderCharges();
    expect(charges.get(machineA)?.source).toBe("sandbox charges");
  });

  it("the CSV streams page by page, in (started_at, id) order, the user's rows only", async () => {
    const stream = intervalsCsvStream(t.db, bob, { pageSize: 2, now: at("2026-11-13T00:00:00Z") });
    const reader = stream.getReader();
    const chunks: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(new TextDecoder().decode(value));
    }
    const all = await intervalPage(t.db, bob, null, 1000);
    const lines = chunks.join("").trim().split("\n");
    expect(lines[0]).toMatch(/^interval_id,machine_id,machine_name/);
    const n = lines.length - 1;
    expect(n).toBe(all.length);
    expect(n).toBeGreaterThanOrEqual(3);
    // The header, then one chunk per page of 2 (an empty last page adds nothing).
    expect(chunks.length).toBe(1 + Math.ceil(n / 2));
    expect(lines.slice(1).every((l) => !l.includes(machineA))).toBe(true);
    // The JSON pages walk the same rows with the keyset cursor.
    const seen: string[] = [];
    let after: { startedAt: Date; id: string } | null = null;
    for (;;) {
      const page = await intervalPage(t.db, bob, after, 2);
      seen.push(...page.map((r) => r.id));
      if (page.length < 2) break;
      after = { startedAt: page.at(-1)!.startedAt, id: page.at(-1)!.id };
    }
    expect(seen).toEqual(lines.slice(1).map((l) => l.split(",")[0]));
  });
});
