import { expect, test } from "@playwright/test";

type Quote = { provider: string; gpu: string; perGpuHourMicros: number; offers: number; asOf: string; stale: boolean };

// The e2e server runs on the sandbox clouds: Vast.ai and RunPod are read without a key at start-up,
// so their live prices exist; the seed's prices and dates come from lib/catalog/data.ts.
test("compare shows today's price with 'as of' beside the seed price with its date, and the estimator uses it", async ({
  page,
}) => {
  let prices: Quote[] = [];
  await expect
    .poll(
      async () => {
        prices = ((await (await page.request.get("/api/v1/live-prices")).json()) as { prices: Quote[] }).prices;
        return prices.length;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  // A live quote for a GPU the seed also lists at that provider and at CoreWeave (which has no API: seed only).
  const quote =
    prices.find((q) => q.provider === "runpod" && q.gpu === "H100") ??
    prices.find((q) => ["runpod", "vastai"].includes(q.provider) && ["H100", "A100"].includes(q.gpu));
  expect(quote, JSON.stringify(prices)).toBeTruthy();
  if (!quote) return;

  await page.goto(`/compare?gpu=${encodeURIComponent(quote.gpu)}`);
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  const row = page.locator(`[data-testid="compare-row"][data-provider="${quote.provider}"]`).first();
  const live = row.getByTestId("live-price");
  await expect(live).toBeVisible();
  await expect(live).toContainText(/live, as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  const usd = (quote.perGpuHourMicros / 1e6).toLocaleString("en-US", {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
  });
  await expect(live).toContainText(usd);
  // Side by side in the same cell: the seed's figure with its date.
  await expect(row.getByTestId("seed-price")).toContainText(/\$\d+\.\d{2}.*seed, 2024-12/);
  // A provider without an API shows its seed price only.
  const coreweave = page.locator('[data-testid="compare-row"][data-provider="coreweave"]').first();
  await expect(coreweave.getByTestId("seed-price")).toContainText("seed, 2024-12");
  await expect(coreweave.getByTestId("live-price")).toHaveCount(0);

  // The estimator says which figure is live and which is seed.
  await page.goto("/estimate");
  await page.getByLabel("GPU model").selectOption(quote.gpu);
  await expect(
    page.locator(`[data-testid="estimate-row"][data-provider="${quote.provider}"]`).getByTestId("estimate-basis"),
  ).toContainText(/live, as of \d{4}-\d{2}-\d{2}/);
  await expect(
    page.locator('[data-testid="estimate-row"][data-provider="coreweave"]').getByTestId("estimate-basis"),
  ).toContainText("seed, 2024-12");
});
