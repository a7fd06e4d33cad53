import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

const PUBLIC = [
  "/",
  "/compare",
  "/providers/tensordock",
  "/providers/runpod",
  "/guide",
  "/estimate",
  "/setup/tensordock",
  "/sign-in",
  "/sign-up",
];

for (const path of PUBLIC) {
  test(`no serious or critical accessibility problems on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  });
}
