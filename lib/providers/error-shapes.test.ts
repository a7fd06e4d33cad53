// Each provider's documented error envelope → the right ProviderError code, with a message
// that never carries the key.

import { describe, expect, it } from "vitest";
import type { HttpResponse, ProviderError, ProviderErrorCode } from "@/lib/http";
import { hostkeyErrorText, hostkeyFailure } from "./hostkey/errors";
import { hostkeyStatus } from "./hostkey/status";
import { lambdaFailure } from "./lambda/errors";
import { lambdaStatus } from "./lambda/status";
import { runpodFailure } from "./runpod/errors";
import { runpodStatus } from "./runpod/status";
import type { FailureContext } from "./shared/errors";
import { normalizeGpuModel } from "./shared/gpu-model";
import { machineIdFromName, taggedName } from "./shared/machine-tag";
import { tensordockFailure } from "./tensordock/errors";
import { tensordockStatus } from "./tensordock/status";
import { vastFailure } from "./vastai/errors";
import { vastStatus } from "./vastai/status";

const KEY = "sk-live-SECRET123";

function res(status: number, body: unknown): HttpResponse {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(), text, json, ok: status >= 200 && status < 300 };
}

function ctx(provider: string, label: string, create = false): FailureContext {
  return { provider, label, what: "do the thing", create, redact: (s) => s.split(KEY).join("[redacted]") };
}

/** One test per [status, body, expected code] row: `failure` maps that response to the code. */
function itMapsEach(
  rows: readonly (readonly [number, unknown, ProviderErrorCode])[],
  failure: (r: HttpResponse) => ProviderError,
) {
  it.each(rows)("%i %j → %s", (status, body, code) => {
    expect(failure(res(status, body)).code).toBe(code);
  });
}

describe("Vast.ai error shapes", () => {
  const c = ctx("vastai", "Vast.ai");
  itMapsEach(
    [
      [401, { success: false, error: "auth_error", msg: "Invalid user key" }, "auth"],
      [404, { success: false, error: "no_such_instance", msg: "Instance 1 not found" }, "not_found"],
      [404, { success: false, error: "not_found", msg: "x" }, "not_found"],
      [410, { success: false, error: "no_such_ask", msg: "Instance type by id 5 is not available." }, "no_capacity"],
      [400, { success: false, error: "invalid_args", msg: "disk too small" }, "invalid_request"],
      [400, { success: false, error: "invalid_price", msg: "bid too low" }, "invalid_request"],
      [400, { success: false, error: "no_ssh_key_for_vm", msg: "add a key" }, "invalid_request"],
      [400, { msg: "only a msg" }, "invalid_request"],
      [429, "API requests too frequent endpoint threshold=4.5", "rate_limited"],
      [502, "<html>bad gateway</html>", "unavailable"],
    ],
    (r) => vastFailure(r, c),
  );
});

describe("Lambda error shapes", () => {
  const c = ctx("lambda", "Lambda", true);
  const err = (code: string) => ({ error: { code, message: `msg for ${code} with ${KEY}`, suggestion: "do X" } });
  it.each([
    [401, "global/invalid-api-key", "auth"],
    [403, "global/account-inactive", "auth"],
    [404, "global/object-does-not-exist", "not_found"],
    [400, "global/invalid-parameters", "invalid_request"],
    [400, "global/invalid-address", "invalid_request"],
    [400, "global/quota-exceeded", "invalid_request"],
    [400, "instance-operations/launch/insufficient-capacity", "no_capacity"],
    [400, "instance-operations/launch/file-system-in-wrong-region", "invalid_request"],
    [400, "instance-operations/launch/file-systems-not-supported", "invalid_request"],
    [400, "ssh-keys/key-in-use", "invalid_request"],
    [503, "provider/internal-unavailable", "unavailable"],
    [500, "global/unknown", "unavailable"],
    [429, "global/unknown", "rate_limited"],
  ] as const)("%i %s → %s", (status, code, expected) => {
    const e = lambdaFailure(res(status, err(code)), c, { type: "gpu_1x_h100", region: "us-east-1" });
    expect(e.code).toBe(expected);
    expect(e.providerCode).toBe(code);
    expect(e.message).not.toContain(KEY);
  });
  it("names the type and region on insufficient capacity", () => {
    const e = lambdaFailure(res(400, err("instance-operations/launch/insufficient-capacity")), c, {
      type: "gpu_1x_h100",
      region: "us-east-1",
    });
    expect(e.message).toBe(
      "Lambda has no capacity for gpu_1x_h100 in us-east-1. Pick another region or instance type, or try later.",
    );
  });
});

describe("RunPod v2 problem details", () => {
  const c = ctx("runpod", "RunPod");
  itMapsEach(
    [
      [401, { title: "Unauthorized", status: 401, detail: "bad key" }, "auth"],
      [403, { title: "Forbidden", status: 403, detail: "missing scope" }, "auth"],
      [404, { title: "Not Found", status: 404, detail: "pod x" }, "not_found"],
      [400, { title: "Bad Request", status: 400, detail: "invalid", errors: ["name is required"] }, "invalid_request"],
      [
        400,
        {
          title: "Bad Request",
          status: 400,
          detail: "There are no longer any instances available with the requested specifications.",
        },
        "no_capacity",
      ],
      [400, { message: "v1-style body" }, "invalid_request"],
      [401, { error: {} }, "auth"],
      [503, { title: "Service Unavailable", status: 503, detail: "later" }, "unavailable"],
    ],
    (r) => runpodFailure(r, c),
  );
  it("keeps the problem's errors[] in the message", () => {
    expect(
      runpodFailure(res(400, { title: "Bad Request", status: 400, detail: "invalid", errors: ["name is required"] }), c)
        .message,
    ).toContain("name is required");
  });
});

describe("TensorDock error bodies (undocumented for v2: several shapes accepted)", () => {
  const c = ctx("tensordock", "TensorDock");
  itMapsEach(
    [
      [401, { errors: [{ status: "401", title: "Unauthorized", detail: "Invalid token" }] }, "auth"],
      [404, { errors: [{ status: "404", title: "Not Found", detail: "Instance x not found" }] }, "not_found"],
      [400, { errors: [{ detail: "Insufficient GPU stock: 0 available" }] }, "no_capacity"],
      [400, { success: false, error: "No available GPUs at this hostnode" }, "no_capacity"],
      [400, { message: "storage_gb must be at least 100" }, "invalid_request"],
      [429, { errors: [{ status: "429", detail: "slow down" }] }, "rate_limited"],
      [500, "oops", "unavailable"],
    ],
    (r) => tensordockFailure(r, c),
  );
});

describe("HOSTKEY error envelopes", () => {
  const c = ctx("hostkey", "HOSTKEY");
  itMapsEach(
    [
      [200, { code: -1, message: "Server 5 not found" }, "not_found"],
      [200, { result: -1, error: "No such server" }, "not_found"],
      [200, { result: "Error", error: "Server is busy" }, "invalid_request"],
      [200, { code: "NO_APPROPRIATE_SERVERS", message: "No appropriate servers found" }, "invalid_request"],
      [200, { result: -1, error: "No free servers available for preset bm.h100" }, "no_capacity"],
      [403, { code: -1, message: "Authorization failed: invalid key" }, "auth"],
      [503, "Service Temporarily Unavailable", "unavailable"],
    ],
    (r) => {
      const text = hostkeyErrorText(r);
      expect(text).not.toBeNull();
      return hostkeyFailure(r, text!, c);
    },
  );
  it.each([
    { result: "OK", servers: [] },
    { result: "success", action: "request_cancellation" },
    { token: "t", result: "OK" },
  ])("%j is a success", (body) => {
    expect(hostkeyErrorText(res(200, body))).toBeNull();
  });
});

describe("status mapping", () => {
  it("Vast.ai actual/intended pairs", () => {
    expect(vastStatus({ actual_status: null })).toBe("creating");
    expect(vastStatus({ actual_status: "loading", intended_status: "running" })).toBe("booting");
    expect(vastStatus({ actual_status: "running", intended_status: "stopped" })).toBe("stopping");
    expect(vastStatus({ actual_status: "stopped", intended_status: "running" })).toBe("starting");
    expect(vastStatus({ actual_status: "created", status_msg: "Error: OCI runtime create failed: x" })).toBe("failed");
    expect(vastStatus({ actual_status: "exited" })).toBe("failed");
    expect(vastStatus({ actual_status: "offline" })).toBe("failed");
    expect(vastStatus({ actual_status: "running", cur_state: "unloaded" })).toBe("destroyed");
  });
  it("the others", () => {
    expect(tensordockStatus("StoppedDisassociated")).toBe("stopped");
    expect(tensordockStatus("Stopped")).toBe("stopped");
    expect(tensordockStatus("deleting")).toBe("destroying");
    expect(runpodStatus("EXITED")).toBe("stopped");
    expect(runpodStatus("PROVISIONING")).toBe("creating");
    expect(lambdaStatus("active")).toBe("running");
    expect(lambdaStatus("terminating")).toBe("destroying");
    expect(lambdaStatus("preempted")).toBe("failed");
    expect(hostkeyStatus("rent", "in_progress")).toBe("booting");
    expect(hostkeyStatus("power_off", "done")).toBe("stopped");
    expect(hostkeyStatus("rent", "done")).toBe("running");
  });
});

describe("machine tag and GPU names", () => {
  it("round-trips the machine id through a provider name, within the length limit", () => {
    const id = "3f2a9c4e-8b1d-4e2f-9a7c-1b2c3d4e5f60";
    const name = taggedName(id, "My  Big Training Run!! with a very long name indeed", 60);
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name).toMatch(/^[a-z0-9-]+$/);
    expect(machineIdFromName(name)).toBe(id);
    expect(machineIdFromName("someone-elses-vm")).toBeNull();
    expect(() => taggedName("bad--id", "x")).toThrow();
  });
  it.each([
    ["NVIDIA H100 80GB HBM3", "H100"],
    ["H100 SXM", "H100"],
    ["gpu_1x_h100_pcie", "H100"],
    ["geforcertx4090-pcie-24gb", "RTX 4090"],
    ["A100 SXM4", "A100"],
    ["gpu_1x_a10 A10 (24 GB PCIe)", "gpu_1x_a10 A10 (24 GB PCIe)"],
    ["v100-pcie-16gb", "V100"],
    ["RTX 3090", "RTX 3090"],
    ["L40S", "L40S"],
  ])("%s → %s", (raw, model) => {
    expect(normalizeGpuModel(raw)).toBe(model);
  });
});
