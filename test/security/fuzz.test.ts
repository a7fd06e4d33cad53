import crypto from "node:crypto";
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
  createApiToken,
  revokeApiToken,
  addProviderKey,
  deleteProviderKey,
  deleteSshKey,
  generateSshKey,
  getSshKey,
  registerSshKey,
} from "@/lib/settings";
import { signUp } from "@/lib/auth/sign-up";
import { isDomainError } from "@/lib/errors";
import {
  deployMachine,
  listOffersForUser,
  destroyMachine,
  startMachine,
  stopMachine,
  getMachineDetail,
  adoptFinding,
  destroyFinding,
  registerByoMachine,
} from "@/lib/machines";
import { removeMachineLimit, saveBudget, saveMachineLimit } from "@/lib/spending";
import { useRandomSecretKey } from "@/test/file-env";
import { useSandboxEnv } from "@/test/sandbox-env";
import { availableDrivers } from "@/test/test-db";
import { useTestDb } from "@/test/use-test-db";
import { countRows, createOwner, recordingJobs, type Owned } from "./fixtures";
import { HOSTILE, HOSTILE_STRINGS, label } from "./hostile";

// Bad input at the services behind every server action (the actions pass their arguments through,
// String()-ing ids as the actions do). Each hostile value must end in a refusal a person can read (a
// DomainError, or { ok: false } with a message or field errors, or false/null for "not found"): never
// another exception (a 500 in a route, "something went wrong" in an action), and a refusal changes
// no row. A few free-text fields may accept odd text (it is stored as text, never run): listed below.

useRandomSecretKey();
useSandboxEnv();

const blank = (v: unknown) => v === undefined || (typeof v === "string" && v.trim() === "");
const matches = (re: RegExp) => (v: unknown) => typeof v === "string" && re.test(v.trim());

type Outcome = { kind: "refused" } | { kind: "accepted" } | { kind: "crashed"; message: string };

async function outcomeOf(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    const r = await fn();
    if (r === false || r === null) return { kind: "refused" };
    if (r && typeof r === "object" && "ok" in r && r.ok === false) {
      const x = r as { error?: string; fieldErrors?: Record<string, string>; errors?: Record<string, string> };
      // A refusal must say why.
      if (!x.error && !Object.keys(x.fieldErrors ?? x.errors ?? {}).length)
        return { kind: "crashed", message: "ok:false without a message" };
      return { kind: "refused" };
    }
    return { kind: "accepted" };
  } catch (e) {
    if (isDomainError(e)) return { kind: "refused" };
    return { kind: "crashed", message: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 160) : String(e) };
  }
}

interface Case {
  name: string;
  run: (v: unknown) => Promise<unknown>;
  /** Values that are legitimately accepted: free text stored as typed, or a value that happens to be valid. */
  mayAccept?: boolean | ((v: unknown) => boolean);
  values?: unknown[];
}

// One driver (Postgres when there is one, as in production): the refusals happen before or in plain
// parameterised queries, and the tenancy test already runs both.
describe.each((await availableDrivers()).slice(-1))("hostile input on %s", (driver) => {
  let u: Owned;
  let offerId: string;
  const t = useTestDb(driver, async ({ db }) => {
    u = await createOwner(db, "fuzz", "sbx-fuzz-key-1234");
    const offers = await listOffersForUser(db, u.userId, "tensordock");
    offerId = offers.offers.find((o) => o.available)!.id;
  });

  async function check(cases: Case[]) {
    const failures: string[] = [];
    for (const c of cases) {
      for (const v of c.values ?? HOSTILE) {
        const before = await countRows();
        const o = await outcomeOf(() => c.run(v));
        if (o.kind === "crashed") failures.push(`${c.name}(${label(v)}) crashed: ${o.message}`);
        else if (o.kind === "accepted" && !(typeof c.mayAccept === "function" ? c.mayAccept(v) : c.mayAccept))
          failures.push(`${c.name}(${label(v)}) was accepted`);
        else if (o.kind === "refused") {
          const after = await countRows();
          if (JSON.stringify(after) !== JSON.stringify(before))
            failures.push(`${c.name}(${label(v)}) was refused but changed rows`);
        }
      }
    }
    expect(failures).toEqual([]);
  }

  const field = <T extends Record<string, unknown>>(
    name: string,
    base: () => T,
    run: (input: T) => Promise<unknown>,
    valid: Record<string, Case["mayAccept"]> = {},
  ) =>
    Object.keys(base()).map(
      (k): Case => ({ name: `${name}.${k}`, run: (v) => run({ ...base(), [k]: v }), mayAccept: valid[k] }),
    );
  const whole = (name: string, run: (v: unknown) => Promise<unknown>): Case => ({
    name: `${name}(input)`,
    run,
    values: [...HOSTILE_STRINGS.slice(0, 8), null, undefined, 42, [], ["x"], true],
  });

  it("machine actions: deploy, register, stop, start, destroy", async () => {
    const db = t.db;
    let n = 0;
    const deployBase = () => ({
      provider: "tensordock",
      offerId,
      gpuCount: 1,
      diskGb: 100,
      image: "ubuntu-22.04",
      sshKeyId: u.sshKeyId,
      name: "fz-ok",
      requestKey: `fz-${n++}`,
    });
    const byoBase = () => ({
      name: "fz-byo",
      host: "10.0.0.1",
      port: 22,
      user: "root",
      sshKeyId: u.sshKeyId,
      gpuModel: "H100",
      gpuCount: 1,
      pricePerHour: 1,
      provider: "hostkey",
    });
    await check([
      ...field("deploy", deployBase, (i) => deployMachine(db, u.userId, i), {
        requestKey: true,
        name: matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
        image: (v) => v === undefined || matches(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/)(v),
      }),
      whole("deploy", (v) => deployMachine(db, u.userId, v)),
      ...field("registerByo", byoBase, (i) => registerByoMachine(db, u.userId, i), {
        gpuModel: true,
        provider: true,
        name: matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
        host: matches(/^[A-Za-z0-9.:-]+$/),
        user: matches(/^[a-z_][a-z0-9_-]*$/),
        // Optional numbers: missing or blank takes the default.
        port: (v) => blank(v),
        gpuCount: (v) => blank(v) || v === 0,
        pricePerHour: (v) => blank(v) || v === 0 || v === 1.5,
      }),
      whole("registerByo", (v) => registerByoMachine(db, u.userId, v)),
      { name: "stop(id)", run: (v) => stopMachine(db, u.userId, String(v)) },
      { name: "start(id)", run: (v) => startMachine(db, u.userId, String(v)) },
      { name: "destroy(id)", run: (v) => destroyMachine(db, u.userId, String(v), "x") },
      // The user's own machine with a wrong confirmation: refused, machine untouched.
      { name: "destroy(confirmName)", run: (v) => destroyMachine(db, u.userId, u.machineId, String(v ?? "")) },
      { name: "detail(id)", run: (v) => getMachineDetail(db, u.userId, String(v)) },
    ]);
  });

  it("agent actions: probe, setup, checkpoint, restore, trust host key, and their reads", async () => {
    const db = t.db;
    const jobs = recordingJobs();
    const op = (i: Record<string, unknown>) => requestOperation(db, u.userId, u.machineId, i, jobs);
    await check([
      { name: "probe(id)", run: (v) => requestProbe(db, u.userId, String(v), jobs) },
      { name: "setup(id)", run: (v) => requestSetup(db, u.userId, String(v), jobs) },
      {
        name: "operation(id)",
        run: (v) => requestOperation(db, u.userId, String(v), { pid: 1, action: "checkpoint" }, jobs),
      },
      ...field("operation", () => ({ pid: u.pid, action: "checkpoint", criu: false }), op),
      whole("operation", (v) => requestOperation(db, u.userId, u.machineId, v, jobs)),
      { name: "trustHostKey(id)", run: (v) => trustHostKey(db, u.userId, String(v), u.hostKeyActual, jobs) },
      { name: "trustHostKey(fingerprint)", run: (v) => trustHostKey(db, u.userId, u.machineId, String(v), jobs) },
      { name: "probeView(id)", run: (v) => getProbeView(db, u.userId, String(v), { autoProbe: true, jobs }) },
      { name: "processes(id)", run: (v) => getProcessesView(db, u.userId, String(v), { watch: true, jobs }) },
      { name: "operations(id)", run: (v) => getOperationsView(db, u.userId, String(v)) },
      { name: "setupView(id)", run: (v) => getSetupView(db, u.userId, String(v)) },
    ]);
    expect(jobs.sent).toEqual([]);
  });

  it("settings actions: provider keys, SSH keys, API tokens; findings", async () => {
    const db = t.db;
    await check([
      // Any printable key is the user's to store (checked with the provider first, sealed).
      ...field(
        "addProviderKey",
        () => ({ provider: "runpod", apiKey: "sbx-fuzz-runpod-1" }),
        (i) => addProviderKey(db, u.userId, i),
        { apiKey: true },
      ),
      whole("addProviderKey", (v) => addProviderKey(db, u.userId, v)),
      { name: "deleteProviderKey(id)", run: (v) => deleteProviderKey(db, u.userId, v) },
      ...field(
        "generateSshKey",
        () => ({ name: "fz" }),
        (i) => generateSshKey(db, u.userId, i),
        { name: true },
      ),
      whole("generateSshKey", (v) => generateSshKey(db, u.userId, v)),
      ...field(
        "registerSshKey",
        () => ({
          name: "fz",
          publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2m9C0xZ0e3y3lq8lUu0cK2QXkq0K0M1h8S1c2c1d2e x",
        }),
        (i) => registerSshKey(db, u.userId, i),
        { name: true },
      ),
      whole("registerSshKey", (v) => registerSshKey(db, u.userId, v)),
      { name: "deleteSshKey(id)", run: (v) => deleteSshKey(db, u.userId, v) },
      { name: "getSshKey(id)", run: (v) => getSshKey(db, u.userId, v) },
      ...field(
        "createApiToken",
        () => ({ name: "fz" }),
        (i) => createApiToken(db, u.userId, i),
        { name: true },
      ),
      whole("createApiToken", (v) => createApiToken(db, u.userId, v)),
      { name: "revokeApiToken(id)", run: (v) => revokeApiToken(db, u.userId, v) },
      { name: "authenticateBearer", run: (v) => authenticateBearer(db, `Bearer ${String(v)}`) },
      { name: "adoptFinding(id)", run: (v) => adoptFinding(db, u.userId, String(v)) },
      { name: "destroyFinding(id)", run: (v) => destroyFinding(db, u.userId, String(v)) },
    ]);
  });

  it("sign-up", async () => {
    const db = t.db;
    let n = 0;
    const base = () => ({
      name: "Fuzz",
      email: `fz-${n++}-${crypto.randomUUID().slice(0, 6)}@example.com`,
      password: "correct horse battery",
    });
    await check([
      // A display name is free text; only strings reach the hash (argon2 is slow: strings only).
      { name: "signUp.name", run: (v) => signUp(db, { ...base(), name: v }), mayAccept: true, values: HOSTILE_STRINGS },
      { name: "signUp.email", run: (v) => signUp(db, { ...base(), email: v }) },
      {
        name: "signUp.password",
        run: (v) => signUp(db, { ...base(), password: v }),
        values: HOSTILE.filter((v) => !(typeof v === "string" && v.length >= 10 && v.length <= 200)),
      },
      whole("signUp", (v) => signUp(db, v)),
    ]);
  });

  it("spending actions: budget and machine limits", async () => {
    const db = t.db;
    const enqueue = async () => {};
    await check([
      ...field(
        "saveBudget",
        () => ({ amount: "100", action: "warn" }),
        (i) => saveBudget(db, u.userId, i, enqueue),
      ),
      whole("saveBudget", (v) => saveBudget(db, u.userId, v, enqueue)),
      // endsAt: blank means "no end time" (the cap is set). Other strings: see the known issue below.
      ...field(
        "saveMachineLimit",
        () => ({ machineId: u.machineId, cap: "10", endsAt: "", action: "warn" }),
        (i) => saveMachineLimit(db, u.userId, i, enqueue),
        { endsAt: (v) => v === undefined || typeof v === "string" },
      ),
      whole("saveMachineLimit", (v) => saveMachineLimit(db, u.userId, v, enqueue)),
    ]);
  });

  // Once known issues in the Spending feature, fixed since: they stay as plain tests.
  it("endsAt refuses text that is not a date", async () => {
    // `new Date("| nc evil.example 4444 &&Z")` is a valid date (year 4444) to V8's lenient parser.
    const r = await outcomeOf(() =>
      saveMachineLimit(
        t.db,
        u.userId,
        { machineId: u.machineId, endsAt: "| nc evil.example 4444 &&", action: "warn" },
        async () => {},
      ),
    );
    expect(r.kind).toBe("refused");
  });
  it("removeMachineLimit with a NUL in the id is not a crash", async () => {
    const r = await outcomeOf(async () => {
      await removeMachineLimit(t.db, u.userId, "abc\u0000def");
      return null;
    });
    expect(r.kind).toBe("refused");
  });
});
