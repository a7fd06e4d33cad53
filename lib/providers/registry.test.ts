import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/sandbox";
import { getAdapter, isProviderSlug, PROVIDER_INFO, SUPPORTED_PROVIDERS } from "./registry";
import { DEFAULT_BASE_URLS, resolveBaseUrl } from "./shared/base-url";

let sb: Sandbox;
const saved = { ...process.env };
beforeAll(async () => {
  sb = await startSandbox({ faults: { bootMs: 50 } });
});
afterAll(async () => {
  process.env = saved;
  await sb.close();
});

describe("registry", () => {
  it("lists the catalog's provider slugs, with matching static capabilities", () => {
    expect([...SUPPORTED_PROVIDERS]).toEqual(["tensordock", "vastai", "runpod", "lambda", "hostkey"]);
    expect(isProviderSlug("coreweave")).toBe(false);
    for (const p of SUPPORTED_PROVIDERS) {
      const a = getAdapter(p, { apiKey: "k-1234" });
      expect(a.capabilities).toEqual(PROVIDER_INFO[p].capabilities);
      expect(a.label).toBe(PROVIDER_INFO[p].label);
    }
  });

  it("takes the base URL from DUMONT_<PROVIDER>_API_URL when no option is given", async () => {
    Object.assign(process.env, sb.env);
    expect(resolveBaseUrl("runpod")).toBe(sb.baseUrls.runpod);
    for (const p of SUPPORTED_PROVIDERS) await getAdapter(p, { apiKey: "k-1234" }).verifyKey();
    delete process.env.DUMONT_RUNPOD_API_URL;
    expect(resolveBaseUrl("runpod")).toBe(DEFAULT_BASE_URLS.runpod);
    expect(resolveBaseUrl("runpod", "http://x/y/")).toBe("http://x/y");
  });

  it("refuses an empty key", () => {
    expect(() => getAdapter("lambda", { apiKey: " " })).toThrow(/API key/);
  });
});
