import { expect, test } from "@playwright/test";
import { signUpTo } from "./helpers";

// A new user's first deploy, straight from the deploy page (no SSH key, no detour through Settings), on
// every one of the five sandbox clouds: the Deploy button says what is missing, one click makes a key,
// each provider's offer deploys to running with its steps in order and its whole price shown, and is
// destroyed.

const PROVIDERS = ["TensorDock", "Vast.ai", "RunPod", "Lambda", "HOSTKEY"];

test("first deploy without detours, then a deploy on each of the five sandbox providers", async ({ page }) => {
  test.setTimeout(300_000);
  await signUpTo(page, "/deploy", "first-deploy");

  const deploy = page.getByRole("button", { name: "Deploy", exact: true });
  const missing = page.getByTestId("deploy-missing");
  await expect(deploy).toBeDisabled();
  await expect(missing).toContainText("pick an offer");
  await expect(missing).toContainText("generate an SSH key");

  await page.getByRole("button", { name: "Generate an SSH key" }).click();
  await expect(page.getByLabel("SSH key")).toHaveValue(/[0-9a-f-]{36}/);
  await expect(missing).not.toContainText("SSH key");
  await expect(missing).toContainText("pick an offer");

  for (const label of PROVIDERS) {
    await page.goto("/deploy");
    await page.getByRole("group", { name: "1. Provider" }).getByText(label, { exact: true }).click();
    const radio = page.getByTestId("offer-row").locator("input[type=radio]:not([disabled])").first();
    await expect(radio).toBeVisible({ timeout: 20_000 });
    await radio.check();
    const summary = page.getByTestId("deploy-summary");
    const listed = (await page.getByTestId("deploy-price").textContent())!;
    expect(listed).toMatch(/^\$\d+\.\d{2,3}\/h$/);
    await expect(summary).toContainText(/Stopped, it still bills|cannot stop a machine/);
    const name = `first-${label.toLowerCase().replace(/[^a-z]/g, "")}`;
    await page.getByLabel("Name").fill(name);
    await expect(missing).toHaveText("Ready to deploy.");
    await deploy.click();
    await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);

    await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 60_000 });
    // Steps in the order they happened: the order starts before it is placed, boots before SSH answers.
    const steps = (await page.getByTestId("machine-steps").locator("li").allTextContents()).join("\n");
    const at = (s: string) => steps.indexOf(s);
    expect(at("request"), steps).toBeGreaterThanOrEqual(0);
    expect(at("Ordering"), steps).toBeGreaterThan(at("request"));
    expect(at("Ordered"), steps).toBeGreaterThan(at("Ordering"));
    expect(at("Ready"), steps).toBeGreaterThan(at("Ordered"));
    // The machine keeps the price quoted on the deploy page, every billed part of it.
    await expect(page.getByText(listed.replace("/h", "")).first()).toBeVisible();

    await page.getByRole("button", { name: "Destroy", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(new RegExp(`Type ${name} to confirm`)).fill(name);
    await dialog.getByRole("button", { name: "Destroy and end billing" }).click();
    await expect(page.getByTestId("machine-status")).toHaveText("destroyed", { timeout: 30_000 });
  }
});
