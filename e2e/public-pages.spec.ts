import { expect, test } from "@playwright/test";

// These journeys check the seed catalog's own figures. Today's prices (e2e/live-prices.spec.ts) come
// from the sandbox and from keys other specs store, so here the pages get none and show the seed's.
test.beforeEach(async ({ page }) => {
  await page.route("**/api/v1/live-prices", (route) =>
    route.fulfill({ json: { refreshEverySeconds: 900, prices: [], providers: [] } }),
  );
});

test("home shows the summary matrix and the way in", async ({ page }) => {
  await page.goto("/");
  const table = page.getByRole("table", { name: /H100 price per hour/ });
  for (const [name, price] of [
    ["TensorDock", "$2.25"],
    ["HOSTKEY", "~$3.00"],
    ["CoreWeave", "$4.76"],
    ["Lambda Labs", "$2.99"],
    ["RunPod", "$4.69"],
    ["Vast.ai", "$2.50"],
    ["AWS/GCP/Azure", "$30+"],
  ] as const) {
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    await expect(row).toContainText(price);
  }
  await expect(table.getByRole("row").filter({ hasText: "TensorDock" })).toContainText("Best value");
  await page.getByRole("link", { name: "Compare GPU clouds" }).click();
  await expect(page).toHaveURL(/\/compare$/);
});

test("compare: filter by GPU and checkpoint, sort, and share the view by URL", async ({ page }) => {
  await page.goto("/compare");
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  const rows = page.getByTestId("compare-row");
  const total = await rows.count();
  expect(total).toBeGreaterThan(15);

  await page.getByRole("checkbox", { name: "H100" }).check();
  await expect(page).toHaveURL(/gpu=H100/);
  await expect(rows).toHaveCount(8);
  await expect(rows.first()).toContainText("TensorDock");
  await expect(rows.first()).toContainText("Cheapest H100");

  await page.getByRole("checkbox", { name: "Yes" }).check();
  await expect(page).toHaveURL(/checkpoint=yes/);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute("data-provider", "tensordock");
  await expect(rows.nth(1)).toHaveAttribute("data-provider", "hostkey");

  // Sort by price descending: HOSTKEY first now.
  await page.getByRole("button", { name: /Price per GPU-hour/ }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(rows.nth(0)).toHaveAttribute("data-provider", "hostkey");

  // The URL alone reproduces the view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.locator('form[data-ready="true"]')).toBeVisible();
  await expect(other.getByTestId("compare-row")).toHaveCount(2);
  await expect(other.getByRole("checkbox", { name: "H100" })).toBeChecked();
  await expect(other.getByTestId("compare-row").nth(0)).toHaveAttribute("data-provider", "hostkey");

  // Price ceiling.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(total);
  await page.getByLabel("Max $ per GPU-hour").fill("0.3");
  await expect(page).toHaveURL(/max=0.3/);
  for (const text of await rows.allTextContents()) expect(text).toMatch(/\$0\.(1|2|3)\d/);
});

test("compare: a checkpoint badge shows its evidence on focus", async ({ page }) => {
  await page.goto("/compare?gpu=H100&checkpoint=no");
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  const badge = page
    .getByTestId("compare-row")
    .filter({ hasText: "Vast.ai" })
    .getByRole("button", { name: /checkpoint support/ });
  await badge.focus();
  const tip = page.getByRole("tooltip").filter({ hasText: "CAP_CHECKPOINT_RESTORE" });
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("Tested on 2024-12-20");
  await expect(tip).toContainText("Seccomp");
  await badge.blur();
  await expect(tip).toBeHidden();
  await page
    .getByTestId("compare-row")
    .filter({ hasText: "RunPod" })
    .getByRole("button", { name: /checkpoint support/ })
    .hover();
  await expect(page.getByRole("tooltip").filter({ hasText: "requires privileged docker container" })).toBeVisible();
});

test("a provider page holds everything the catalog knows", async ({ page }) => {
  await page.goto("/compare");
  await page.getByRole("main").getByRole("link", { name: "TensorDock", exact: true }).first().click();
  await expect(page).toHaveURL(/\/providers\/tensordock$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("TensorDock");
  for (const text of [
    "Marketplace + Bare Metal",
    "https://tensordock.com",
    "RTX 3080",
    "$0.12",
    "V100",
    "$0.45",
    "CAP_SYS_PTRACE",
    "2024-12-20",
    "10-20%",
    "Limited inventory",
    "No commitment",
  ]) {
    await expect(page.getByRole("main")).toContainText(text);
  }
  await page.goto("/providers/lambda");
  await expect(page.getByRole("main")).toContainText("per minute");
  await expect(page.getByRole("main")).toContainText("only terminate");
  await page.goto("/providers/runpod");
  await expect(page.getByRole("main")).toContainText("This is not possible as it requires privileged docker container");
  await expect(page.getByRole("main")).toContainText("$0.20/GB/month");
  expect((await page.goto("/providers/nope"))?.status()).toBe(404);
});

test("decision guide: the five cases and a recommender that ranks with reasons", async ({ page }) => {
  await page.goto("/guide");
  await expect(page.getByTestId("decision-case")).toHaveCount(5);
  await expect(page.getByRole("main")).toContainText("V100 at $0.45/hr or RTX 4090 at $0.35/hr");
  const recs = page.getByTestId("recommendation");
  await expect(recs.first()).toContainText("TensorDock");
  await expect(recs.first()).toContainText("Runs cuda-checkpoint");
  await page.getByLabel("I need cuda-checkpoint").uncheck();
  await page.getByLabel("I need enterprise compliance").check();
  await expect(recs.first()).toContainText("CoreWeave");
  await page.getByLabel("Hours running per month").fill("900");
  await expect(page.getByRole("alert").first()).toContainText("between 0 and 744");
  await expect(recs).toHaveCount(0);
});

test("cost estimator counts what paused machines still bill", async ({ page }) => {
  await page.goto("/estimate");
  await page.getByLabel("GPU model").selectOption("H100");
  await page.getByLabel("GPUs").fill("1");
  await page.getByLabel("Hours running / month").fill("100");
  await page.getByLabel("Hours paused / month").fill("200");
  const td = page.locator('[data-testid="estimate-row"][data-provider="tensordock"]');
  // $225 running + $45-90 paused (10-20% of $2.25 × 200 h).
  await expect(td.getByTestId("estimate-total")).toHaveText("$270.00-$315.00");
  await expect(td).toContainText("10-20% of the running price");
  const lambda = page.locator('[data-testid="estimate-row"][data-provider="lambda"]');
  await expect(lambda).toContainText("Cannot stop");
  await expect(
    page.locator('[data-testid="estimate-row"][data-provider="vastai"]').getByTestId("estimate-total"),
  ).toContainText("at least");
});

test("TensorDock setup guide: steps, copy buttons and the destroy warning", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/setup/tensordock");
  await expect(page.getByRole("note")).toContainText("Stop only reduces billing. Destroy ends it.");
  await expect(page.getByRole("main")).toContainText("https://dashboard.tensordock.com/register");
  await page.getByRole("button", { name: "Copy: sudo apt-get install -y nvidia-driver-570" }).click();
  await expect(page.getByRole("button", { name: "Copy: sudo apt-get install -y nvidia-driver-570" })).toContainText(
    "Copied",
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("sudo apt-get install -y nvidia-driver-570");
});

test("JSON endpoints: health and catalog", async ({ request }) => {
  const health = await (await request.get("/api/health")).json();
  expect(health).toMatchObject({ ok: true, version: "0.1.0" });
  expect(["pglite", "postgres"]).toContain(health.database);
  const catalog = await (await request.get("/api/v1/catalog")).json();
  expect(catalog.providers).toHaveLength(7);
  expect(catalog.providers[0].prices.find((p: { gpu: string }) => p.gpu === "H100").minMicros).toBe(2_250_000);
});
