// HOSTKEY's own bodies (fixtures/, sources in fixtures/SOURCES.md: HOSTKEY's Terraform provider
// tests and types, its API docs, and the presets/list shape a third-party scraper reads) fed through
// the adapter, so a shape the client cannot read fails here rather than in production.

import { describe, expect, it } from "vitest";
import { expectProviderError } from "@/test/providers/conformance";
import { contractOptions, fixtureFetch, type SeenRequest } from "@/test/providers/fixture-fetch";
import { priceOfOrder } from "../shared/price-parts";
import { createHostkeyAdapter, monthlyUsd, pickTrafficPlan, showHostname } from "./adapter";
import { trafficPlanListSchema } from "./schemas";
import cbDone from "./fixtures/callback.deploy-done.json";
import cbNotReady from "./fixtures/callback.not-ready.json";
import cbPending from "./fixtures/callback.pending.json";
import loginNested from "./fixtures/login.nested.json";
import loginNoServers from "./fixtures/login.no-appropriate-servers.json";
import loginExpire from "./fixtures/login.token-expire.json";
import loginTop from "./fixtures/login.top-level.json";
import orderUnpaid from "./fixtures/order_instance.unpaid.shape.json";
import osList from "./fixtures/os_list.shape.json";
import presetsInfo from "./fixtures/presets-info.docs.json";
import presetsList from "./fixtures/presets-list.shape.json";
import showHost from "./fixtures/show.hostname-in-server-data.json";
import nestedServerData from "./fixtures/show.nested-hostname.server_data.json";
import plansDocs from "./fixtures/traffic_plans.docs-first-plan.json";
import keysMap from "./fixtures/update_servers.deploy-keys.json";
import noKeys from "./fixtures/update_servers.no-deploy-keys.json";

type Route = { module: string; action: string; body: unknown; status?: number };
interface Sent {
  module: string;
  form: Record<string, string>;
}

function adapter(routes: Route[]) {
  const call = (r: SeenRequest) => ({
    module: /\/([a-z_]+)\.php$/.exec(r.path)?.[1] ?? "",
    form: (r.body ?? {}) as Record<string, string>,
  });
  const { fetch, seen } = fixtureFetch(
    (r) => {
      const { module, form } = call(r);
      const route = routes.find((x) => x.module === module && x.action === form.action);
      return route ? { status: route.status ?? 200, body: route.body } : undefined;
    },
    { status: 599, body: { code: -1, message: "no fixture" } },
  );
  // A fresh key per adapter: sessions are cached per key.
  const a = createHostkeyAdapter(
    contractOptions("https://invapi.hostkey.com", fetch, { apiKey: `contract-${Math.random().toString(36).slice(2)}` }),
  );
  return { a, sent: (): Sent[] => seen.map(call) };
}

const login = { module: "auth", action: "login", body: loginTop };
const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIcontracttestkey0000000000000000000000 test@dumont";

describe("hostkey against HOSTKEY's bodies", () => {
  it("prices presets/list's per-location `price[location].USD` (monthly) and never lists $0", async () => {
    const { a, sent } = adapter([{ module: "presets", action: "list", body: presetsList }]);
    const offers = await a.listOffers({ includeUnavailable: true });
    expect(offers.map((o) => o.id).sort()).toEqual(["1201@NL", "1201@US"]);
    // $2555 and $2628 a month over 730 h.
    expect(offers.find((o) => o.id === "1201@NL")).toMatchObject({
      pricePerHourMicros: 3_500_000,
      gpuModel: "H100",
      gpuCount: 1,
      vramGb: 80,
      listedDiskGb: 1920,
      kind: "bare-metal",
      available: true,
    });
    expect(offers.find((o) => o.id === "1201@US")?.pricePerHourMicros).toBe(3_600_000);
    for (const o of offers) {
      expect(o.pricePerHourMicros).toBeGreaterThan(0);
      expect(priceOfOrder(o.priceParts, { gpuCount: o.gpuCount, diskGb: o.listedDiskGb }).runningMicros).toBe(
        o.pricePerHourMicros,
      );
    }
    // The catalogue once, then each location for its stock.
    expect(sent().map((s) => s.form.location ?? "")).toEqual(["", "NL", "US"]);
  });

  it("reads presets/info's flat `price:{EUR, USD}` from the docs", async () => {
    expect(monthlyUsd(presetsInfo.presets[0]!, "NL")).toBe(11);
    const { a } = adapter([{ module: "presets", action: "list", body: presetsInfo }]);
    // The docs example has no GPU: no offer, and no failure.
    expect(await a.listOffers({ includeUnavailable: true })).toEqual([]);
  });

  it("picks the traffic plan that fits, from the docs' traffic_plans/list example", () => {
    const plans = trafficPlanListSchema.parse(plansDocs);
    expect(pickTrafficPlan(plans, "AMS")?.id).toBe("101");
    expect(pickTrafficPlan(plans, "NL")).toBeUndefined();
  });

  it("orders with `instance` on traffic_plans/list (no token), and keeps an unpaid order as pending:<invoice>", async () => {
    const { a, sent } = adapter([
      { module: "presets", action: "list", body: presetsList },
      { module: "os", action: "list", body: osList },
      { module: "traffic_plans", action: "list", body: plansDocs },
      login,
      { module: "eq", action: "order_instance", body: orderUnpaid },
    ]);
    const inst = await a.createInstance({
      machineId: "m-contract-1",
      offerId: "1201@AMS",
      gpuCount: 1,
      diskGb: 100,
      sshPublicKey: KEY,
      name: "contract",
    });
    expect(inst).toMatchObject({ id: "pending:603548", status: "creating" });
    const plans = sent().find((s) => s.module === "traffic_plans")!.form;
    expect(plans).toMatchObject({ action: "list", location: "AMS", instance: "1201" });
    expect(plans).not.toHaveProperty("instance_id");
    expect(plans).not.toHaveProperty("token");
    const order = sent().find((s) => s.form.action === "order_instance")!.form;
    expect(order).toMatchObject({
      preset: "gpu.v2-h100",
      location_name: "AMS",
      os_id: "71",
      traffic_plan: "101",
      deploy_period: "hourly",
    });
  });

  it("verifyKey on an account without servers fails with what to do (Terraform's test body)", async () => {
    const { a } = adapter([{ module: "auth", action: "login", body: loginNoServers }]);
    const e = await expectProviderError(a.verifyKey(), "invalid_request");
    expect(e.providerCode).toBe("NO_APPROPRIATE_SERVERS");
    expect(e.message).toMatch(/Order a first server in HOSTKEY's panel/);
  });

  it("logs in with the token at the top level, nested under result, or with token_expire", async () => {
    for (const body of [loginTop, loginNested, loginExpire])
      await adapter([{ module: "auth", action: "login", body }]).a.verifyKey();
  });

  it("resolves pending:<invoice> through update_servers.deploy_keys and the callback's context.id", async () => {
    const { a, sent } = adapter([
      login,
      { module: "eq", action: "update_servers", body: keysMap },
      { module: "eq_callback", action: "check", body: cbDone },
      { module: "eq", action: "show", body: showHost },
    ]);
    const inst = await a.getInstance("pending:603548");
    expect(inst).toMatchObject({
      id: "101",
      name: "tf-pending-timeoutcheck-20260819-1846",
      extra: { pendingId: "pending:603548" },
    });
    expect(sent().find((s) => s.module === "eq_callback")!.form.key).toBe("cb-ours");
  });

  it("a paid order still deploying is booting; an unpaid one is creating and cannot be cancelled through the API", async () => {
    for (const cb of [cbPending, cbNotReady]) {
      const { a } = adapter([
        login,
        { module: "eq", action: "update_servers", body: keysMap },
        { module: "eq_callback", action: "check", body: cb },
      ]);
      expect((await a.getInstance("pending:603548")).status).toBe("booting");
    }
    const { a } = adapter([login, { module: "eq", action: "update_servers", body: noKeys }]);
    expect(await a.getInstance("pending:603548")).toMatchObject({
      status: "creating",
      rawStatus: "waiting for invoice 603548 to be paid",
    });
    const e = await expectProviderError(a.destroy("pending:603548"), "invalid_request");
    expect(e.message).toMatch(/cancel invoice 603548 in HOSTKEY's billing panel/);
  });

  it("destroy of a resolved pending order cancels its server", async () => {
    const { a, sent } = adapter([
      login,
      { module: "eq", action: "update_servers", body: keysMap },
      { module: "eq_callback", action: "check", body: cbDone },
      { module: "whmcs", action: "request_cancellation", body: { result: "OK" } },
    ]);
    await a.destroy("pending:603548");
    expect(sent().find((s) => s.module === "whmcs")!.form).toMatchObject({ id: "101", cancellation_type: "1" });
  });

  it("finds the hostname nested in server_data (Terraform's ShowHostname test)", () => {
    expect(showHostname({ server_data: nestedServerData })).toBe("tf-pico-renamed");
    expect(showHostname({ server_data: { data: { preset: { name: "vps.v1.small" } } } })).toBeNull();
    expect(showHostname({ server_data: {}, tags: [{ tag: "hostname", value: "dm-abc--x" }] })).toBe("dm-abc--x");
  });
});
