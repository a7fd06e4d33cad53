import { expect, test } from "@playwright/test";
import { addProviderKey, generateSshKey, signUpTo } from "./helpers";

// Issue 5 on the sandbox: deploy a machine, see its cost on the Spending page beside the sandbox's
// own figure, set a budget so low that it fires, see the alerts and the "stop" action it ran, then
// destroy the stopped machine from the Spending page. Vast.ai: billed per second, and a stopped
// instance still pays for its disk.

test("spending: a sandbox machine's cost, a budget that fires and stops it, and destroy from the page", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signUpTo(page, "/settings", "spend");
  await addProviderKey(page, "Vast.ai", "sbx-spend-key-1234abcd");
  await generateSshKey(page, "spend key");

  await page.goto("/deploy");
  await page.getByText("Vast.ai ✓").click();
  const offer = page.getByTestId("offer-row").filter({ hasText: "RTX 4090" }).first();
  await offer.getByRole("radio").check();
  await page.getByLabel("Name").fill("spend-box");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 60_000 });
  // Let it bill for a moment.
  await page.waitForTimeout(3_000);

  await page.goto("/spending");
  await expect(page.getByText("Days and months are UTC")).toBeVisible();
  const row = page.getByTestId("machine-spend-row").filter({ hasText: "spend-box" });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("machine-spend")).toContainText("$");
  await expect(page.getByTestId("spend-month")).not.toHaveText("$0.00");
  // The sandbox reports its own charges: ours and theirs side by side.
  await expect(row.getByTestId("truth-check")).toContainText("/");
  await expect(page.getByTestId("spending-chart")).toBeVisible();

  // A range whose end is before its start: a clear message, and the page still works.
  await page.goto("/spending?from=2026-11-20&to=2026-11-01");
  await expect(page.getByTestId("range-error")).toContainText("The end of the range is before its start.");
  expect(await page.evaluate(async () => (await fetch("/api/v1/spending?from=2026-11-20&to=2026-11-01")).status)).toBe(
    400,
  );
  await page.goto("/spending");

  // Bad budgets get a field message; a tiny one fires at once.
  const budget = page.getByRole("form", { name: "Monthly budget" });
  await budget.getByLabel("Monthly budget (USD)").fill("-5");
  await budget.getByRole("button", { name: "Save budget" }).click();
  await expect(budget.getByRole("alert")).toHaveText("An amount cannot be negative.");
  await budget.getByLabel("Monthly budget (USD)").fill("0.000001");
  await budget.getByLabel("At 100%").selectOption("stop");
  await budget.getByRole("button", { name: "Save budget" }).click();
  await expect(budget.getByRole("status")).toContainText("2 alerts fired now, and the chosen action started");

  await page.reload();
  const alerts = page.getByTestId("alerts-list");
  await expect(alerts).toContainText("reached 80% of your budget");
  await expect(alerts).toContainText("reached 100% of your budget");
  await expect(page.getByTestId("alerts-badge")).toContainText("2 budget alerts");
  const action = page.getByTestId("action-row").filter({ hasText: "spend-box" });
  await expect(action.getByTestId("action-status")).toHaveText("done", { timeout: 30_000 });
  await expect(action).toContainText("Stop requested for spend-box");

  // The stop ran: the machine stops, and the page lists it as still billing (Vast.ai bills the disk while stopped).
  await expect
    .poll(
      async () =>
        (await (await page.request.get("/api/v1/machines")).json()).machines.find(
          (m: { name: string }) => m.name === "spend-box",
        )?.status,
      { timeout: 30_000 },
    )
    .toBe("stopped");
  await page.reload();
  const stopped = page.getByTestId("stopped-billing-row").filter({ hasText: "spend-box" });
  await expect(stopped).toHaveCount(1);
  await stopped.getByRole("button", { name: "Destroy" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Destroy ends billing and erases the disk");
  await dialog.getByLabel(/Type spend-box to confirm/).fill("spend-box");
  await dialog.getByRole("button", { name: "Destroy and end billing" }).click();
  await expect
    .poll(
      async () =>
        (await (await page.request.get("/api/v1/machines?all=1")).json()).machines.find(
          (m: { name: string }) => m.name === "spend-box",
        )?.status,
      { timeout: 30_000 },
    )
    .toBe("destroyed");

  // The ledger as CSV, streamed.
  const csv = await page.request.get("/api/v1/spending/intervals.csv");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.split("\n")[0]).toBe(
    "interval_id,machine_id,machine_name,provider,state,rate_per_hour_micros,granularity,started_at,ended_at,cost_micros",
  );
  expect(text).toContain("spend-box");
});
