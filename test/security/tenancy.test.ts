import { describe, expect, it } from "vitest";
import {
  getOperationsView,
  getProbeView,
  getProcessesView,
  getSetupView,
  requestOperation,
  requestProbe,
  requestSetup,
  trustHostKey,
} from "@/lib/checkpoints";
import {
  authenticateBearer,
  listApiTokens,
  revokeApiToken,
  deleteProviderKey,
  getProviderKey,
  listProviderKeys,
  deleteSshKey,
  getAgentPrivateKey,
  getSshKey,
  listSshKeys,
} from "@/lib/settings";
import { isDomainError } from "@/lib/errors";
import {
  deployMachine,
  destroyMachine,
  startMachine,
  stopMachine,
  getMachineDetail,
  listMachineDtos,
  adoptFinding,
  destroyFinding,
  listFindings,
  reconcileUser,
  registerByoMachine,
} from "@/lib/machines";
import {
  removeBudget,
  removeMachineLimit,
  saveBudget,
  saveMachineLimit,
  getSpendingSummary,
  intervalsCsvStream,
  thisMonth,
} from "@/lib/spending";
import { useRandomSecretKey } from "@/test/file-env";
import { useSandboxEnv } from "@/test/sandbox-env";
import { availableDrivers } from "@/test/test-db";
import { useTestDb } from "@/test/use-test-db";
import { createOwner, recordingJobs, snapshotDb, type Owned } from "./fixtures";

// Tenancy, proved at the services every page, route handler and server action calls with the signed-in
// user's id (the actions and routes only add requireUser()/a token in front). User B tries every read
// and every action on user A's machines, keys, tokens, findings, checkpoints, probes, setup runs and
// spending limits, by A's ids. Each must be refused (a DomainError, false, null or an empty list) and
// the database must be byte-for-byte the same afterwards, with no job sent for A's machine.

useRandomSecretKey();
useSandboxEnv();

/** Resolves to "refused" for a DomainError; anything else (success, or a crash) is returned as is. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    const v = await p;
    return `resolved: ${JSON.stringify(v)?.slice(0, 200)}`;
  } catch (e) {
    return isDomainError(e) ? "refused" : `crashed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

describe.each(await availableDrivers())("tenancy on %s", (driver) => {
  let a: Owned;
  let b: Owned;
  const t = useTestDb(driver, async ({ db }) => {
    a = await createOwner(db, "alice", "sbx-alice-key-AAAA");
    b = await createOwner(db, "bob", "sbx-bob-key-BBBB");
  });

  it("B's reads never show A's records", async () => {
    const db = t.db;
    const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
    expect(ids(await listMachineDtos(db, b.userId, { includeDestroyed: true }))).not.toContain(a.machineId);
    expect(ids(await listProviderKeys(db, b.userId))).toEqual([b.providerKeyId]);
    expect(ids(await listSshKeys(db, b.userId))).toEqual([b.sshKeyId]);
    expect(ids(await listApiTokens(db, b.userId))).toEqual([b.apiTokenId]);
    expect(ids(await listFindings(db, b.userId))).toEqual([b.findingId]);
    expect(await getSshKey(db, b.userId, a.sshKeyId)).toBeNull();
    expect(await getAgentPrivateKey(db, b.userId, a.sshKeyId)).toBeNull();
    expect(await getProviderKey(db, b.userId, "tensordock")).toBe("sbx-bob-key-BBBB");
    // A's token authenticates A, never B.
    expect((await authenticateBearer(db, `Bearer ${a.apiToken}`))?.userId).toBe(a.userId);
    const now = new Date();
    const summary = await getSpendingSummary(db, b.userId, thisMonth(now), now);
    expect(Object.keys(summary.machines)).not.toContain(a.machineId);
    const csv = await new Response(intervalsCsvStream(db, b.userId)).text();
    expect(csv).not.toContain(a.machineId);
  });

  it("every read and action of B on A's ids is refused, and nothing changes", async () => {
    const db = t.db;
    const jobs = recordingJobs();
    const before = await snapshotDb();
    const m = a.machineId;
    const calls: Record<string, () => Promise<unknown>> = {
      getMachineDetail: () => getMachineDetail(db, b.userId, m),
      stop: () => stopMachine(db, b.userId, m),
      start: () => startMachine(db, b.userId, a.stoppedMachineId),
      destroy: () => destroyMachine(db, b.userId, m, null),
      destroyConfirmed: () => destroyMachine(db, b.userId, m, a.machineName),
      probeView: () => getProbeView(db, b.userId, m, { autoProbe: true, jobs }),
      processes: () => getProcessesView(db, b.userId, m, { watch: true, jobs }),
      operations: () => getOperationsView(db, b.userId, m),
      setupView: () => getSetupView(db, b.userId, m),
      probe: () => requestProbe(db, b.userId, m, jobs),
      setup: () => requestSetup(db, b.userId, m, jobs),
      checkpoint: () => requestOperation(db, b.userId, m, { pid: a.pid, action: "checkpoint", criu: true }, jobs),
      restore: () => requestOperation(db, b.userId, m, { pid: a.pid, action: "restore" }, jobs),
      trustHostKey: () => trustHostKey(db, b.userId, m, a.hostKeyActual, jobs),
      adopt: () => adoptFinding(db, b.userId, a.findingId),
      destroyFinding: () => destroyFinding(db, b.userId, a.findingId),
      // A's SSH key in B's deploy or registration: refused before anything is written.
      deployWithAKey: () =>
        deployMachine(db, b.userId, {
          provider: "tensordock",
          offerId: "x",
          gpuCount: 1,
          diskGb: 100,
          sshKeyId: a.sshKeyId,
          name: "stolen",
        }),
      byoWithAKey: () =>
        registerByoMachine(db, b.userId, {
          name: "stolen",
          host: "10.0.0.1",
          port: 22,
          user: "root",
          sshKeyId: a.sshKeyId,
        }),
      limitOnA: () =>
        saveMachineLimit(
          db,
          b.userId,
          { machineId: m, cap: "1", action: "checkpoint_destroy" },
          async () => void jobs.sent.push("budget-action"),
        ),
    };
    // Run one after another: the outcomes must not depend on a race.
    const outcomes: Record<string, string> = {};
    for (const [name, call] of Object.entries(calls)) outcomes[name] = await refusal(call());
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(calls).map((k) => [k, "refused"])));

    // Deletes and revokes answer "not found" (false) rather than throwing.
    expect(await deleteProviderKey(db, b.userId, a.providerKeyId)).toBe(false);
    expect(await deleteSshKey(db, b.userId, a.sshKeyId)).toBe(false);
    expect(await revokeApiToken(db, b.userId, a.apiTokenId)).toBe(false);
    await removeMachineLimit(db, b.userId, m);
    expect(jobs.sent).toEqual([]);
    expect(await snapshotDb()).toEqual(before);
  });

  it("B's own writes (budget, reconcile, deploy) touch none of A's rows", async () => {
    const db = t.db;
    const mine = async () => {
      const s = await snapshotDb();
      // Only rows that mention A (by user or machine id) are compared.
      return Object.fromEntries(
        Object.entries(s).map(([k, rows]) => [k, rows.filter((r) => r.includes(a.userId) || r.includes(a.machineId))]),
      );
    };
    const before = await mine();
    await saveBudget(db, b.userId, { amount: "5", action: "stop" }, async () => {});
    await removeBudget(db, b.userId);
    await reconcileUser(db, b.userId);
    // B deploying with B's own key may or may not find an offer; either way A's rows stay.
    await deployMachine(db, b.userId, {
      provider: "tensordock",
      offerId: "none",
      gpuCount: 1,
      diskGb: 100,
      sshKeyId: b.sshKeyId,
      name: "bob-2",
      requestKey: "rk-alice",
    }).catch(() => null);
    expect(await mine()).toEqual(before);
  });
});
