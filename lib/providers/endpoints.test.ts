import { afterEach, describe, expect, it } from "vitest";
import { inSandbox, providerBaseUrl, sandboxEndpoints, sandboxS3Url, setSandboxEndpoints } from "./endpoints";

const VARS = ["DUMONT_SANDBOX_URL", "DUMONT_SANDBOX_S3_URL", "DUMONT_RUNPOD_API_URL", "DUMONT_LAMBDA_API_URL"];
const saved = Object.fromEntries(VARS.map((k) => [k, process.env[k]]));
const clear = () => {
  for (const k of VARS) delete process.env[k];
};
afterEach(() => {
  setSandboxEndpoints(null);
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("sandbox mode's runtime state", () => {
  it("is off with no sandbox set and none named: the real endpoints", () => {
    clear();
    expect(sandboxEndpoints()).toBeNull();
    expect(inSandbox()).toBe(false);
    expect(sandboxS3Url()).toBeUndefined();
    expect(providerBaseUrl("runpod")).toBeUndefined();
  });

  it("aims every provider at the sandbox that was set, without touching process.env", () => {
    clear();
    setSandboxEndpoints({ url: "http://127.0.0.1:4010", s3Url: "http://127.0.0.1:4569" });
    expect(inSandbox()).toBe(true);
    expect(sandboxS3Url()).toBe("http://127.0.0.1:4569");
    expect(providerBaseUrl("runpod")).toBe("http://127.0.0.1:4010/runpod/v2");
    expect(providerBaseUrl("hostkey")).toBe("http://127.0.0.1:4010/hostkey");
    expect(process.env.DUMONT_SANDBOX_URL).toBeUndefined();
    expect(process.env.DUMONT_RUNPOD_API_URL).toBeUndefined();
  });

  it("uses a running sandbox named by DUMONT_SANDBOX_URL (processes sharing one simulator)", () => {
    clear();
    process.env.DUMONT_SANDBOX_URL = "http://127.0.0.1:4300";
    process.env.DUMONT_SANDBOX_S3_URL = "http://127.0.0.1:4301";
    expect(sandboxEndpoints()).toEqual({ url: "http://127.0.0.1:4300", s3Url: "http://127.0.0.1:4301" });
    expect(providerBaseUrl("lambda")).toBe("http://127.0.0.1:4300/lambda/api/v1");
  });

  it("keeps DUMONT_<PROVIDER>_API_URL ahead of the sandbox", () => {
    clear();
    setSandboxEndpoints({ url: "http://127.0.0.1:4010" });
    process.env.DUMONT_LAMBDA_API_URL = "http://127.0.0.1:1/lambda/api/v1";
    expect(providerBaseUrl("lambda")).toBe("http://127.0.0.1:1/lambda/api/v1");
    expect(providerBaseUrl("runpod")).toBe("http://127.0.0.1:4010/runpod/v2");
  });
});
