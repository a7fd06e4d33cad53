import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError, getEnv } from "./env";

const touched = new Map<string, string | undefined>();
const set = (name: string, value: string | undefined) => {
  if (!touched.has(name)) touched.set(name, process.env[name]);
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};
afterEach(() => {
  for (const [k, v] of touched) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  touched.clear();
});

const problemsOf = (): EnvError => {
  try {
    getEnv();
  } catch (e) {
    if (e instanceof EnvError) return e;
    throw e;
  }
  throw new Error("getEnv() accepted the configuration");
};

describe("getEnv", () => {
  it("gives the defaults when nothing is set, and treats an empty value as unset", () => {
    for (const k of [
      "DATABASE_URL",
      "DUMONT_DB_POOL",
      "DUMONT_DATA_DIR",
      "DUMONT_SANDBOX",
      "DUMONT_SANDBOX_URL",
      "DUMONT_WORKERS",
      "DUMONT_TRUST_PROXY",
      "DUMONT_SIGNUPS_PER_ADDRESS",
      "DUMONT_PUBLIC_URL",
      "DUMONT_PROVIDER_TIMEOUT_MS",
      "DUMONT_RUNPOD_API_URL",
    ])
      set(k, undefined);
    set("DATABASE_URL", "");
    set("DUMONT_SANDBOX_URL", "  ");
    const env = getEnv();
    expect(env).toMatchObject({
      databaseUrl: undefined,
      dbPoolSize: 10,
      dataDir: path.resolve(process.cwd(), ".data"),
      publicUrl: "http://localhost:3000",
      sandbox: { enabled: true, url: undefined },
      providerTimeoutMs: undefined,
      workersInProcess: true,
      trustProxy: false,
      signUpsPerAddress: 10,
    });
    expect(env.providerApiUrls.runpod).toBeUndefined();
  });

  it("reads a variable set after an earlier call (tests and scripts set them before use)", () => {
    set("DUMONT_TRUST_PROXY", undefined);
    expect(getEnv().trustProxy).toBe(false);
    set("DUMONT_TRUST_PROXY", "1");
    expect(getEnv().trustProxy).toBe(true);
    set("DUMONT_RUNPOD_API_URL", "http://127.0.0.1:9/runpod/v2");
    expect(getEnv().providerApiUrls.runpod).toBe("http://127.0.0.1:9/runpod/v2");
    expect(getEnv()).toBe(getEnv());
  });

  it("decides sandbox mode: on in embedded mode, off with DATABASE_URL, forced by DUMONT_SANDBOX", () => {
    set("DUMONT_SANDBOX", undefined);
    set("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x");
    expect(getEnv().sandbox.enabled).toBe(false);
    set("DUMONT_SANDBOX", "1");
    expect(getEnv().sandbox.enabled).toBe(true);
    set("DATABASE_URL", undefined);
    set("DUMONT_SANDBOX", "false");
    expect(getEnv().sandbox.enabled).toBe(false);
  });

  it("names every wrong variable and how to fix it, without repeating secret values", () => {
    set("DATABASE_URL", "mysql://root:hunter2@db/x");
    set("DUMONT_DB_POOL", "ten");
    set("DUMONT_TRUST_PROXY", "yes");
    set("DUMONT_SANDBOX_FAULTS", "error=lots");
    set("DUMONT_LAMBDA_API_URL", "not a url");
    const e = problemsOf();
    expect(e.problems.map((p) => p.variable).sort()).toEqual([
      "DATABASE_URL",
      "DUMONT_DB_POOL",
      "DUMONT_LAMBDA_API_URL",
      "DUMONT_SANDBOX_FAULTS",
      "DUMONT_TRUST_PROXY",
    ]);
    expect(e.message).toMatch(/5 environment variables are wrong/);
    expect(e.message).toMatch(/DATABASE_URL must be a Postgres connection URL such as postgres:\/\/.*unset it/);
    expect(e.message).toMatch(/DUMONT_DB_POOL must be a whole number.*DUMONT_DB_POOL=10/);
    expect(e.message).toMatch(/DUMONT_TRUST_PROXY must be 1 .* or 0/);
    expect(e.message).not.toContain("hunter2");
    // Fixed, it is accepted again: nothing stale is kept.
    for (const k of [
      "DATABASE_URL",
      "DUMONT_DB_POOL",
      "DUMONT_TRUST_PROXY",
      "DUMONT_SANDBOX_FAULTS",
      "DUMONT_LAMBDA_API_URL",
    ])
      set(k, undefined);
    expect(() => getEnv()).not.toThrow();
  });

  it("parses numbers and flags", () => {
    set("DUMONT_DB_POOL", "3");
    set("DUMONT_PROVIDER_TIMEOUT_MS", "1500");
    set("DUMONT_WORKERS", "0");
    set("DUMONT_SIGNUPS_PER_ADDRESS", "100000");
    set("DUMONT_SANDBOX_PORT", "0");
    expect(getEnv()).toMatchObject({
      dbPoolSize: 3,
      providerTimeoutMs: 1500,
      workersInProcess: false,
      signUpsPerAddress: 100000,
      sandbox: { port: 0 },
    });
    set("DUMONT_SANDBOX_PORT", "70000");
    expect(problemsOf().problems).toEqual([
      { variable: "DUMONT_SANDBOX_PORT", problem: expect.stringMatching(/TCP port/) },
    ]);
  });
});
