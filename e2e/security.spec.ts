import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
} from "@playwright/test";
import { HOSTILE, HOSTILE_STRINGS, label } from "../test/security/hostile";
import { addProviderKey, generateSshKey } from "./helpers";

// Issue 6, security, against the production build: headers, server-action origin and body limits,
// sign-up/sign-in throttling, tenancy between two signed-in users over HTTP (routes, pages and real
// server-action posts), signed-out refusals, a fuzz of every JSON route, and (on a server of its own,
// so its logs can be read) that secrets reach no response, log line or client bundle, and that a lost
// DUMONT_SECRET_KEY is explained rather than a crash.

const PASSWORD = "correct horse battery";
const email = (p: string) => `${p}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
/**
 * A client address of its own (documentation range, random), as the trusted proxy in front of the
 * test server would append it (playwright.config.ts sets DUMONT_TRUST_PROXY=1): the app reads the
 * last entry, so what a client put before it changes nothing.
 */
const fakeIp = () =>
  `203.0.113.${crypto.randomInt(1, 255)}, 2001:db8:${crypto
    .randomBytes(6)
    .toString("hex")
    .replace(/(.{4})(?=.)/g, "$1:")}::1`;
/** What a stack trace or an internal path in a response body looks like. */
const LEAK = /\n\s+at [\w.<]|node_modules|\/work\/|webpack-internal|Failed query|ECONNREFUSED|TypeError|ReferenceError/;

async function signUp(page: Page, prefix: string, to = "/settings"): Promise<string> {
  const me = email(prefix);
  await page.goto(`/sign-up?callbackUrl=${encodeURIComponent(to)}`);
  await page.getByLabel("Email").fill(me);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`${to}$`));
  return me;
}

async function createToken(page: Page, name: string): Promise<string> {
  const tokens = page.getByRole("region", { name: "API tokens" });
  await tokens.getByLabel("Token name").fill(name);
  await tokens.getByRole("button", { name: "Create token" }).click();
  return (await tokens.getByTestId("new-api-token").locator("code").first().textContent())!.trim();
}

/** Runs `act` and returns the server-action POST it made (the request a browser sends for a form). */
async function captureAction(page: Page, act: () => Promise<void>): Promise<Request> {
  const [req] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    act(),
  ]);
  await req.response();
  return req;
}

/** Sends a captured server-action POST again, with its body edited and other headers if asked. */
async function replay(
  ctx: APIRequestContext,
  req: Request,
  opts: { replace?: [string, string][]; headers?: Record<string, string>; pad?: number } = {},
) {
  const h = await req.allHeaders();
  const headers: Record<string, string> = {};
  for (const k of ["next-action", "content-type", "accept", "next-router-state-tree", "origin"])
    if (h[k]) headers[k] = h[k];
  let body = req.postDataBuffer()!.toString("latin1");
  for (const [from, to] of opts.replace ?? []) body = body.split(from).join(to);
  if (opts.pad) body = body.replace(/(name="[^"]*name"\r\n\r\n)/, `$1${"x".repeat(opts.pad)}`);
  return ctx.post(req.url(), {
    headers: { ...headers, ...opts.headers },
    data: Buffer.from(body, "latin1"),
    maxRedirects: 0,
  });
}

// ---------------------------------------------------------------- headers and limits

test("security headers on pages, APIs and static files; HSTS only behind HTTPS", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  for (const p of ["/", "/compare", "/sign-in", "/api/health", "/api/v1/catalog", "/api/v1/machines", asset!]) {
    const r = await request.get(p, { maxRedirects: 0 });
    const h = r.headers();
    const csp = h["content-security-policy"] ?? "";
    expect(csp, p).toContain("frame-ancestors 'none'");
    expect(csp, p).toContain("default-src 'self'");
    expect(csp, p).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/);
    expect(csp, p).not.toContain("unsafe-eval");
    expect(h["x-content-type-options"], p).toBe("nosniff");
    expect(h["referrer-policy"], p).toBe("strict-origin-when-cross-origin");
    expect(h["x-powered-by"], p).toBeUndefined();
    // Plain http: no HSTS (it would pin this host to https).
    expect(h["strict-transport-security"], p).toBeUndefined();
    const tls = await request.get(p, { maxRedirects: 0, headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers()["strict-transport-security"], p).toMatch(/^max-age=\d{7,}/);
  }
});

test("the CSP lets every page work: no violation, and forms, actions and polling run", async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const consoleCsp: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) consoleCsp.push(m.text());
  });
  const violations = async () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  for (const p of ["/", "/compare", "/guide", "/estimate", "/setup/tensordock"]) {
    await page.goto(p);
    await page.waitForLoadState("networkidle");
    expect(await violations(), p).toEqual([]);
  }
  // Sign-up is a server action; Settings, Deploy and Machines hydrate and poll.
  await signUp(page, "csp");
  await generateSshKey(page, "csp key");
  for (const p of ["/machines", "/deploy", "/spending", "/settings", "/machines/register"]) {
    await page.goto(p);
    await page.waitForLoadState("networkidle");
    expect(await violations(), p).toEqual([]);
  }
  await page.goto("/deploy");
  await page.getByText("RunPod").click();
  await expect(page.getByTestId("offer-row").first()).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(consoleCsp).toEqual([]);
});

test("server actions refuse a foreign origin and a body over the limit; JSON routes cap at 64 KB", async ({ page }) => {
  await signUp(page, "origin");
  const tokens = page.getByRole("region", { name: "API tokens" });
  const create = await captureAction(page, async () => {
    await tokens.getByLabel("Token name").fill("probe-0001");
    await tokens.getByRole("button", { name: "Create token" }).click();
    await expect(tokens.getByTestId("new-api-token")).toBeVisible();
  });
  const names = async () => {
    await page.reload();
    return page.getByRole("region", { name: "API tokens" }).getByTestId("api-token").allTextContents();
  };
  // The same post from this origin works (so the refusals below are about the origin and the size).
  const same = await replay(page.request, create, { replace: [["probe-0001", "same-0001"]] });
  expect(same.status()).toBe(200);
  // Another site's page posting with the user's cookies: refused before the action runs.
  const foreign = await replay(page.request, create, {
    replace: [["probe-0001", "evil-0001"]],
    headers: { origin: "https://evil.example" },
  });
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  const nullOrigin = await replay(page.request, create, {
    replace: [["probe-0001", "evil-0002"]],
    headers: { origin: "null" },
  });
  expect(nullOrigin.status()).toBeGreaterThanOrEqual(400);
  // A body over the 256 KB server-action limit: refused, nothing created.
  const big = await replay(page.request, create, { replace: [["probe-0001", "big-0001"]], pad: 300 * 1024 });
  expect(big.status()).toBeGreaterThanOrEqual(400);
  const list = (await names()).join("\n");
  expect(list).toContain("same-0001");
  expect(list).not.toContain("evil-000");
  expect(list).not.toContain("big-0001");

  const token = await createToken(page, "body cap");
  const huge = await page.request.post("/api/v1/machines", {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: JSON.stringify({ name: "x".repeat(70 * 1024) }),
  });
  expect(huge.status()).toBe(413);
  const machines = await page.request.get("/api/v1/machines", { headers: { authorization: `Bearer ${token}` } });
  expect((await machines.json()).machines).toEqual([]);
});

test("sign-up and sign-in are throttled per address and per account", async ({ page }) => {
  test.setTimeout(120_000);
  const taken = await signUp(page, "throttle");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  // Sign-up: 20 attempts at a taken email from one address, then even a fresh email is refused there.
  const ipA = fakeIp();
  await page.setExtraHTTPHeaders({ "x-forwarded-for": ipA });
  await page.goto("/sign-up");
  const signUpPost = await captureAction(page, async () => {
    await page.getByLabel("Email").fill(taken);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("An account with this email already exists")).toBeVisible();
  });
  for (let i = 2; i <= 20; i++) {
    const r = await replay(page.request, signUpPost, { headers: { "x-forwarded-for": ipA } });
    expect(await r.text()).toContain("An account with this email already exists");
  }
  const fresh = email("throttle-fresh");
  const blocked = await replay(page.request, signUpPost, {
    replace: [[taken, fresh]],
    headers: { "x-forwarded-for": ipA },
  });
  expect(await blocked.text()).toContain("Too many attempts from your address");
  // From another address the same sign-up goes through (the block is per address).
  const ok = await replay(page.request, signUpPost, {
    replace: [[taken, fresh]],
    headers: { "x-forwarded-for": fakeIp() },
  });
  expect(ok.status()).toBeLessThan(400);
  expect(await ok.text()).not.toContain("Too many");
  await page.context().clearCookies();

  // Sign-in per account: five wrong passwords (each from a new address) block the account everywhere.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": fakeIp() });
  await page.goto("/sign-in");
  const signInPost = await captureAction(page, async () => {
    await page.getByLabel("Email").fill(taken);
    await page.getByLabel("Password").fill("wrong password 1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That email and password do not match an account.",
    );
  });
  for (let i = 2; i <= 5; i++) await replay(page.request, signInPost, { headers: { "x-forwarded-for": fakeIp() } });
  const right = await replay(page.request, signInPost, {
    replace: [["wrong password 1", PASSWORD]],
    headers: { "x-forwarded-for": fakeIp() },
  });
  expect(await right.text()).toContain("Too many failed attempts");

  // Sign-in per address: twenty failures on different accounts block that address for any account.
  const ipC = fakeIp();
  for (let i = 1; i <= 20; i++)
    await replay(page.request, signInPost, {
      replace: [[taken, email(`spray${i}`)]],
      headers: { "x-forwarded-for": ipC },
    });
  const sprayed = await replay(page.request, signInPost, {
    replace: [
      [taken, fresh],
      ["wrong password 1", PASSWORD],
    ],
    headers: { "x-forwarded-for": ipC },
  });
  expect(await sprayed.text()).toContain("Too many failed attempts");
  await page.setExtraHTTPHeaders({});
});

test("without a trusted proxy a client cannot pick its address: spoofed X-Forwarded-For escapes no limit, and one address creates ten accounts at most", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A server as `npm start` runs it: no DUMONT_TRUST_PROXY, default sign-up quota.
  const port = Number(process.env.E2E_PORT ?? 3100) + 8;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dumont-peer-"));
  const server = await startServer(port, dataDir, crypto.randomBytes(32).toString("base64"), {
    DUMONT_TRUST_PROXY: "",
    DUMONT_SIGNUPS_PER_ADDRESS: "",
    DUMONT_WORKERS: "0",
  });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    // Sign-up: each account from a "new" address by the header, but all from one socket.
    await page.goto("/sign-up");
    const first = email("peer");
    const signUpPost = await captureAction(page, async () => {
      await page.getByLabel("Email").fill(first);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page).toHaveURL(/\/machines$|\/settings$|\/$/);
    });
    for (let i = 2; i <= 10; i++) {
      const r = await replay(context.request, signUpPost, {
        replace: [[first, email(`peer${i}`)]],
        headers: { "x-forwarded-for": fakeIp() },
      });
      expect(await r.text()).not.toContain("Too many");
    }
    const eleventh = await replay(context.request, signUpPost, {
      replace: [[first, email("peer11")]],
      headers: { "x-forwarded-for": fakeIp(), "x-real-ip": "198.51.100.1" },
    });
    expect(await eleventh.text()).toContain("Too many new accounts from your address");

    // Sign-in per address: twenty failures, each claiming another address, still block the socket's address.
    await context.clearCookies();
    await page.goto("/sign-in");
    const signInPost = await captureAction(page, async () => {
      await page.getByLabel("Email").fill(first);
      await page.getByLabel("Password").fill("wrong password 1");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(
        "That email and password do not match an account.",
      );
    });
    for (let i = 2; i <= 20; i++)
      await replay(context.request, signInPost, {
        replace: [[first, email(`nobody${i}`)]],
        headers: { "x-forwarded-for": fakeIp() },
      });
    const blocked = await replay(context.request, signInPost, {
      replace: [["wrong password 1", PASSWORD]],
      headers: { "x-forwarded-for": fakeIp() },
    });
    expect(await blocked.text()).toContain("Too many failed attempts");
    await context.close();
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- tenancy

interface Tenant {
  context: BrowserContext;
  page: Page;
  email: string;
  token: string;
  auth: Record<string, string>;
}

async function tenant(browser: Browser, baseURL: string, prefix: string): Promise<Tenant> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const me = await signUp(page, prefix);
  await generateSshKey(page, `${prefix} key`);
  await addProviderKey(page, "TensorDock", `sbx-${prefix}-key-${prefix.slice(0, 4).toUpperCase()}`);
  const token = await createToken(page, `${prefix} script`);
  return { context, page, email: me, token, auth: { authorization: `Bearer ${token}` } };
}

test("two users: B can read or change none of A's machines, keys, tokens, checkpoints or setup", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const a = await tenant(browser, baseURL!, "alice");
  const b = await tenant(browser, baseURL!, "bob");
  const api = a.page.request;
  const [aKey] = (await (await api.get("/api/v1/ssh-keys", { headers: a.auth })).json()).sshKeys;
  const offers = await (await api.get("/api/v1/offers?provider=runpod", { headers: a.auth })).json();
  const offer = offers.offers.find((o: { available: boolean }) => o.available);
  const created = await api.post("/api/v1/machines", {
    headers: a.auth,
    data: { provider: "runpod", offerId: offer.id, gpuCount: 1, diskGb: 50, sshKeyId: aKey.id, name: "alice-box" },
  });
  expect(created.status()).toBe(202);
  const { machine } = await created.json();
  const mine = async () =>
    (await (await api.get(`/api/v1/machines/${machine.id}`, { headers: a.auth })).json()) as {
      machine: { status: string };
      events: { step: string }[];
    };
  await expect.poll(async () => (await mine()).machine.status, { timeout: 40_000 }).toBe("running");
  const before = await mine();

  // Every machine route, with B's token and with B's browser session: 404, and no A data in the body.
  const id = machine.id;
  const routes: [string, string, unknown?][] = [
    ["GET", `/api/v1/machines/${id}`],
    ["DELETE", `/api/v1/machines/${id}`],
    ["DELETE", `/api/v1/machines/${id}?confirm=alice-box`],
    ["POST", `/api/v1/machines/${id}/stop`],
    ["POST", `/api/v1/machines/${id}/start`],
    ["GET", `/api/v1/machines/${id}/probe`],
    ["POST", `/api/v1/machines/${id}/probe`],
    ["GET", `/api/v1/machines/${id}/checkpoints`],
    ["POST", `/api/v1/machines/${id}/checkpoints`, { pid: 1234, action: "checkpoint" }],
    ["POST", `/api/v1/machines/${id}/checkpoints`, { pid: 1234, action: "restore" }],
    ["GET", `/api/v1/machines/${id}/processes`],
    ["GET", `/api/v1/machines/${id}/setup`],
    ["POST", `/api/v1/machines/${id}/setup`],
  ];
  for (const viaSession of [false, true]) {
    const ctx = b.page.request;
    for (const [method, url, data] of routes) {
      const r = await ctx.fetch(url, { method, data, headers: viaSession ? {} : b.auth });
      expect(r.status(), `${viaSession ? "session" : "token"} ${method} ${url}`).toBe(404);
      expect(await r.text()).not.toContain("alice");
    }
  }
  // A's SSH key in B's deploy body: a field error, nothing ordered.
  const stolen = await b.page.request.post("/api/v1/machines", {
    headers: b.auth,
    data: { provider: "runpod", offerId: offer.id, gpuCount: 1, diskGb: 50, sshKeyId: aKey.id, name: "stolen" },
  });
  expect(stolen.status()).toBe(400);
  expect((await stolen.json()).fieldErrors.sshKeyId).toBeTruthy();
  expect((await b.page.request.get(`/api/ssh-keys/${aKey.id}/public`)).status()).toBe(404);
  expect((await (await b.page.request.get("/api/v1/machines?all=1", { headers: b.auth })).json()).machines).toEqual([]);
  // Spending: A's machine costs money by now; none of it shows in B's summary, ledger or CSV.
  await expect
    .poll(async () => JSON.stringify(await (await api.get("/api/v1/spending/intervals", { headers: a.auth })).json()))
    .toContain(id);
  for (const url of [
    "/api/v1/spending",
    "/api/v1/spending/intervals",
    "/api/v1/spending/intervals?format=csv",
    "/api/v1/spending/intervals.csv",
  ]) {
    const r = await b.page.request.get(url, { headers: b.auth });
    expect(r.status(), url).toBe(200);
    const text = await r.text();
    expect(text, url).not.toContain(id);
    expect(text, url).not.toContain("alice");
  }
  const bKeys = (await (await b.page.request.get("/api/v1/ssh-keys", { headers: b.auth })).json()).sshKeys;
  expect(bKeys.map((k: { id: string }) => k.id)).not.toContain(aKey.id);
  // A's machine page, in B's browser: not found, nothing of A's on it.
  const pageRes = await b.page.goto(`/machines/${id}`);
  expect(pageRes!.status()).toBe(404);
  expect(await b.page.content()).not.toContain("alice-box");

  // Real server-action posts: B's own delete/revoke forms, replayed with A's ids.
  await b.page.goto("/settings");
  const bKeyId = bKeys[0].id as string;
  const delKey = await captureAction(b.page, async () => {
    await b.page.getByRole("button", { name: "Delete the SSH key bob key" }).click();
    await b.page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
    await expect(b.page.getByRole("region", { name: "SSH keys" }).getByTestId("ssh-key")).toHaveCount(0);
  });
  const r1 = await replay(b.page.request, delKey, { replace: [[bKeyId, aKey.id]] });
  expect(await r1.text()).toContain("That key was not found");
  expect(
    (await (await api.get("/api/v1/ssh-keys", { headers: a.auth })).json()).sshKeys.map((k: { id: string }) => k.id),
  ).toEqual([aKey.id]);
  // A still signs in with its token (B's revoke of it is refused in test/security/tenancy.test.ts by id).
  expect((await api.get("/api/v1/machines", { headers: a.auth })).status()).toBe(200);

  const after = await mine();
  expect(after.machine.status).toBe("running");
  expect(after.events.map((e) => e.step)).toEqual(before.events.map((e) => e.step));
  // Clean up: A destroys its own machine.
  expect((await api.delete(`/api/v1/machines/${id}?confirm=alice-box`, { headers: a.auth })).status()).toBe(202);
  await a.context.close();
  await b.context.close();
});

test("signed out: every private route is refused and every private page redirects to sign-in", async ({
  request,
  page,
}) => {
  const id = crypto.randomUUID();
  const routes: [string, string][] = [
    ["GET", "/api/v1/machines"],
    ["POST", "/api/v1/machines"],
    ["GET", "/api/v1/ssh-keys"],
    ["GET", "/api/v1/offers?provider=runpod"],
    ["GET", "/api/v1/spending"],
    ["GET", "/api/v1/spending/intervals"],
    ["GET", "/api/v1/spending/intervals?format=csv"],
    ["GET", "/api/v1/spending/intervals.csv"],
    ...["", "/stop", "/start", "/probe", "/checkpoints", "/processes", "/setup"].flatMap((s): [string, string][] => [
      ["GET", `/api/v1/machines/${id}${s}`],
      ["POST", `/api/v1/machines/${id}${s}`],
    ]),
    ["DELETE", `/api/v1/machines/${id}`],
  ];
  for (const [method, url] of routes) {
    const r = await request.fetch(url, { method, headers: { authorization: "" } });
    // 401 where the route exists for the method; 405 where it does not. Never data, never a 500.
    expect([401, 405], `${method} ${url}`).toContain(r.status());
    expect((await request.fetch(url, { method, headers: { authorization: "Bearer dcl_forged" } })).status()).not.toBe(
      200,
    );
  }
  expect((await request.get(`/api/ssh-keys/${id}/public`)).status()).toBe(404);
  for (const p of ["/machines", "/deploy", "/spending", "/settings", "/machines/register", `/machines/${id}`]) {
    await page.goto(p);
    await expect(page, p).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
});

// ---------------------------------------------------------------- fuzz

test("hostile input to every JSON route: a 4xx, never a 500 or a stack trace; the server stays up; nothing changes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page, "fuzz");
  await generateSshKey(page, "fuzz key");
  const token = await createToken(page, "fuzz");
  const auth = { authorization: `Bearer ${token}` };
  const req = page.request;
  const [key] = (await (await req.get("/api/v1/ssh-keys", { headers: auth })).json()).sshKeys;
  const created = await req.post("/api/v1/machines", {
    headers: auth,
    data: {
      provider: "runpod",
      offerId: (await (await req.get("/api/v1/offers?provider=runpod", { headers: auth })).json()).offers.find(
        (o: { available: boolean }) => o.available,
      ).id,
      gpuCount: 1,
      diskGb: 50,
      sshKeyId: key.id,
      name: "fuzz-box",
    },
  });
  const { machine } = await created.json();
  const counts = async () => ({
    machines: (await (await req.get("/api/v1/machines?all=1", { headers: auth })).json()).machines.length,
    keys: (await (await req.get("/api/v1/ssh-keys", { headers: auth })).json()).sshKeys.length,
    operations: (await (await req.get(`/api/v1/machines/${machine.id}/checkpoints`, { headers: auth })).json())
      .operations.length,
  });
  const before = await counts();
  const bad: string[] = [];
  const send = async (what: string, method: string, url: string, data?: unknown, raw?: string) => {
    const r = await req.fetch(url, {
      method,
      headers: { ...auth, ...(raw !== undefined ? { "content-type": "application/json" } : {}) },
      data: raw ?? (data === undefined ? undefined : JSON.stringify(data)),
    });
    const body = await r.text();
    if (r.status() >= 500) bad.push(`${what}: ${r.status()} ${body.slice(0, 120)}`);
    if (LEAK.test(body)) bad.push(`${what}: leaks ${body.slice(0, 160)}`);
    return r.status();
  };
  const subs = ["", "/stop", "/start", "/probe", "/checkpoints", "/processes", "/setup"];
  // Ids in the path (the route's [id]), each route and method.
  for (const s of HOSTILE_STRINGS.filter((v) => v.trim() && v.length < 2000)) {
    // A lone surrogate has no UTF-8 form: send the bytes a broken client would (invalid UTF-8).
    const enc = s === "\ud800" ? "%ED%A0%80" : encodeURIComponent(s);
    for (const sub of subs) {
      for (const m of ["GET", "POST"]) await send(`${m} [id]${sub} ${label(s)}`, m, `/api/v1/machines/${enc}${sub}`);
    }
    await send(`DELETE [id] ${label(s)}`, "DELETE", `/api/v1/machines/${enc}?confirm=${enc}`);
    await send(`GET ssh pub ${label(s)}`, "GET", `/api/ssh-keys/${enc}/public`);
    // Query strings.
    await send(`offers ?provider=${label(s)}`, "GET", `/api/v1/offers?provider=${enc}`);
    await send(`machines ?all=${label(s)}`, "GET", `/api/v1/machines?all=${enc}`);
    await send(`processes ?watch=${label(s)}`, "GET", `/api/v1/machines/${machine.id}/processes?watch=${enc}`);
    await send(`destroy ?confirm=${label(s)}`, "DELETE", `/api/v1/machines/${machine.id}?confirm=${enc}`);
    for (const q of ["from", "to"]) await send(`spending ?${q}=${label(s)}`, "GET", `/api/v1/spending?${q}=${enc}`);
    for (const q of ["cursor", "limit", "format"])
      await send(`intervals ?${q}=${label(s)}`, "GET", `/api/v1/spending/intervals?${q}=${enc}`);
  }
  // Raw bodies that are not JSON or not an object.
  const raws = [
    "{",
    "}",
    "null",
    "[]",
    '"str"',
    "42",
    '{"a":',
    "\u0000",
    "[".repeat(5000) + "]".repeat(5000),
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    "1e999999",
  ];
  for (const raw of raws) {
    await send(`POST machines raw ${label(raw)}`, "POST", "/api/v1/machines", undefined, raw);
    await send(
      `POST checkpoints raw ${label(raw)}`,
      "POST",
      `/api/v1/machines/${machine.id}/checkpoints`,
      undefined,
      raw,
    );
  }
  // Each field of the JSON bodies, hostile in turn.
  const deployBase = { provider: "runpod", offerId: "x", gpuCount: 1, diskGb: 50, sshKeyId: key.id, name: "fz" };
  const opBase = { pid: 1234, action: "checkpoint", criu: false };
  for (const v of HOSTILE) {
    for (const k of Object.keys(deployBase)) {
      const st = await send(`deploy.${k}=${label(v)}`, "POST", "/api/v1/machines", {
        ...deployBase,
        offerId: k === "offerId" ? v : "no-such-offer",
        [k]: v,
      });
      if (st < 400) bad.push(`deploy.${k}=${label(v)} was accepted (${st})`);
    }
    for (const k of Object.keys(opBase)) {
      const st = await send(`checkpoint.${k}=${label(v)}`, "POST", `/api/v1/machines/${machine.id}/checkpoints`, {
        ...opBase,
        [k]: v,
      });
      if (st < 400) bad.push(`checkpoint.${k}=${label(v)} was accepted (${st})`);
    }
  }
  expect(bad).toEqual([]);
  expect((await req.get("/api/health")).status()).toBe(200);
  expect(await counts()).toEqual(before);
});

// ---------------------------------------------------------------- secrets, logs and a lost key

const CANARY = "sbx-SECRET-CANARY-1234";

interface Server {
  url: string;
  logs: () => string;
  stop: () => Promise<void>;
}

async function startServer(
  port: number,
  dataDir: string,
  secretKey: string,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  let out = "";
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    {
      env: {
        ...process.env,
        DUMONT_DATA_DIR: dataDir,
        DUMONT_SECRET_KEY: secretKey,
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "",
        DUMONT_SANDBOX_URL: "",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 240) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    logs: () => out,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Opens a value sealed by lib/crypto/seal.ts (v1.<kid>.<iv>.<tag>.<ct>, AES-256-GCM, context as AAD). */
function unsealForTest(sealed: string, keyB64: string, context: string): string {
  const [, , iv, tag, ct] = sealed.split(".");
  const d = crypto.createDecipheriv("aes-256-gcm", Buffer.from(keyB64, "base64"), Buffer.from(iv!, "base64url"));
  d.setAAD(Buffer.from(context, "utf8"));
  d.setAuthTag(Buffer.from(tag!, "base64url"));
  return Buffer.concat([d.update(Buffer.from(ct!, "base64url")), d.final()]).toString("utf8");
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test("secrets reach no response, log line or client bundle; a lost secret key is explained, not a crash", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const port = Number(process.env.E2E_PORT ?? 3100) + 7;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dumont-secrets-"));
  const k1 = crypto.randomBytes(32).toString("base64");
  const k2 = crypto.randomBytes(32).toString("base64");
  const bodies: string[] = [];
  let server = await startServer(port, dataDir, k1);
  const logs: string[] = [];
  try {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    page.on("response", async (r) => {
      const b = await r.body().catch(() => null);
      if (b) bodies.push(`${r.url()}\n${b.toString("utf8")}`);
    });
    const me = await signUp(page, "secrets");
    await addProviderKey(page, "TensorDock", CANARY);
    await generateSshKey(page, "canary key");
    const token = await createToken(page, "secrets");
    const auth = { authorization: `Bearer ${token}` };
    // Use the key: offers, a deploy on TensorDock (the sandbox is called with it), the machine page.
    await page.goto("/deploy");
    await page.getByText("TensorDock ✓").click();
    const offer = page.getByTestId("offer-row").first();
    await offer.getByRole("radio").check();
    await page.getByLabel("Name").fill("secret-box");
    await page.getByRole("button", { name: "Deploy" }).click();
    await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);
    const machineId = page.url().split("/").pop()!;
    await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 60_000 });
    for (const p of [
      "/machines",
      "/spending",
      "/settings",
      "/deploy",
      "/machines/register",
      `/machines/${machineId}`,
    ]) {
      await page.goto(p);
      await page.waitForLoadState("networkidle");
    }
    const api = context.request;
    for (const url of [
      "/api/v1/machines?all=1",
      `/api/v1/machines/${machineId}`,
      `/api/v1/machines/${machineId}/probe`,
      `/api/v1/machines/${machineId}/processes`,
      `/api/v1/machines/${machineId}/checkpoints`,
      `/api/v1/machines/${machineId}/setup`,
      "/api/v1/ssh-keys",
      "/api/v1/offers?provider=tensordock",
      "/api/v1/catalog",
      "/api/v1/openapi.json",
      "/api/health",
    ]) {
      const r = await api.get(url, { headers: auth });
      bodies.push(`${url}\n${await r.text()}`);
    }
    await context.close();
    await server.stop();
    logs.push(server.logs());

    // The sealed values: neither holds the secret; opened with K1 they give it back (so the search
    // below looks for the real private key).
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create(path.join(dataDir, "pglite"));
    const cred = (
      await db.query<{ user_id: string; sealed_key: string }>("select user_id, sealed_key from provider_credentials")
    ).rows[0]!;
    const ssh = (
      await db.query<{ id: string; user_id: string; sealed_private_key: string }>(
        "select id, user_id, sealed_private_key from ssh_keys",
      )
    ).rows[0]!;
    await db.close();
    expect(cred.sealed_key).not.toContain(CANARY);
    expect(unsealForTest(cred.sealed_key, k1, `provider-key:${cred.user_id}:tensordock`)).toBe(CANARY);
    const privateKey = unsealForTest(ssh.sealed_private_key, k1, `ssh-key:${ssh.user_id}:${ssh.id}`);
    expect(privateKey).toContain("PRIVATE KEY");
    // The key's base64 lines, less the first (the same for every ed25519 key: format and cipher names).
    const keyLines = privateKey
      .split("\n")
      .filter((l) => /^[A-Za-z0-9+/=]{20,}$/.test(l))
      .slice(1);
    expect(keyLines.length).toBeGreaterThan(2);
    for (const l of keyLines) expect(ssh.sealed_private_key).not.toContain(l);

    // Restart over the same data with another key: Settings and Deploy say the keys must be entered again.
    server = await startServer(port, dataDir, k2);
    const c2 = await browser.newContext({ baseURL: server.url });
    const p2 = await c2.newPage();
    await p2.goto("/sign-in?callbackUrl=%2Fsettings");
    await p2.getByLabel("Email").fill(me);
    // A wrong password first: an answer on the page, not a stack trace in the log.
    await p2.getByLabel("Password").fill("not the password");
    await p2.getByRole("button", { name: "Sign in" }).click();
    await expect(p2.getByRole("main").getByRole("alert")).toHaveText(
      "That email and password do not match an account.",
    );
    await p2.getByLabel("Password").fill(PASSWORD);
    await p2.getByRole("button", { name: "Sign in" }).click();
    await expect(p2).toHaveURL(/\/settings$/);
    await expect(p2.getByRole("alert").filter({ hasText: "Stored keys can no longer be read" })).toBeVisible();
    await expect(p2.getByTestId("provider-key-tensordock")).toContainText("unreadable");
    await p2.goto("/deploy");
    await expect(p2.getByRole("alert").filter({ hasText: "Stored keys can no longer be read" })).toBeVisible();
    await p2.getByText("TensorDock ✓").click();
    await expect(p2.getByRole("main")).toContainText("Stored keys can no longer be read");
    const offers = await c2.request.get("/api/v1/offers?provider=tensordock");
    expect(offers.status()).toBeLessThan(500);
    expect(await offers.text()).toContain("Stored keys can no longer be read");
    expect((await c2.request.get("/api/health")).status()).toBe(200);
    bodies.push(await p2.content());
    await c2.close();
    await server.stop();
    logs.push(server.logs());

    // The search: every response body, both servers' logs, every client file of the build.
    const needles = [CANARY, ...keyLines, k1, k2];
    const found = (where: string, text: string) =>
      needles.filter((n) => text.includes(n)).map((n) => `${where}: ${n.slice(0, 24)}…`);
    const hits = [
      ...bodies.flatMap((b) => found(`response ${b.split("\n")[0]}`, b)),
      ...logs.flatMap((l, i) => found(`server log ${i + 1}`, l)),
      ...filesUnder(path.join(process.cwd(), ".next", "static")).flatMap((f) => {
        const text = fs.readFileSync(f, "latin1");
        return [...found(f, text), ...(text.includes("PRIVATE KEY-----") ? [`${f}: a private key`] : [])];
      }),
    ];
    expect(hits).toEqual([]);
    expect(logs.join("\n")).not.toMatch(/credentialssignin/i);
    expect(bodies.length).toBeGreaterThan(20);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
