import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import { utils } from "ssh2";
import { expect, test } from "@playwright/test";
import { signUpTo } from "./helpers";

// The e2e app runs in embedded mode, where the sandbox is on: any provider key works except one
// that starts with "bad", and nothing real is billed.

test("provider keys: a bad key is refused, a good one is saved and shown by its last four only, then deleted", async ({
  page,
}) => {
  await signUpTo(page, "/settings", "settings");
  const section = page.getByRole("region", { name: "Provider keys" });
  await expect(section).toContainText("Sandbox: any key works except one starting with 'bad'; nothing real is billed.");
  await expect(section).toContainText("No provider keys yet.");

  await section.getByLabel("Provider", { exact: true }).selectOption({ label: "TensorDock" });
  await section.getByLabel("API key").fill("bad-e2e-key-0000");
  await section.getByRole("button", { name: "Check and save key" }).click();
  await expect(section.getByText(/^TensorDock rejected this key: /)).toBeVisible();
  // The failed submit keeps what was typed.
  await expect(section.getByLabel("API key")).toHaveValue("bad-e2e-key-0000");
  await expect(section.getByLabel("Provider", { exact: true })).toHaveValue("tensordock");
  await expect(section).toContainText("No provider keys yet.");

  const key = "sbx-e2e-secret-key-1234abcd";
  await section.getByLabel("API key").fill(key);
  await section.getByRole("button", { name: "Check and save key" }).click();
  await expect(section.getByRole("status")).toHaveText("Saved the TensorDock key ending in abcd.");
  const row = section.getByTestId("provider-key-tensordock");
  await expect(row).toContainText("••••abcd");
  await expect(section.getByLabel("API key")).toHaveValue("");
  await page.reload();
  expect(await page.content()).not.toContain("sbx-e2e-secret");

  await page.getByRole("button", { name: "Delete the TensorDock key" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the TensorDock key?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Delete key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Provider keys" })).toContainText("No provider keys yet.");
});

test("SSH keys: generate one and download its public key; register a pasted key; a private key is refused", async ({
  page,
  request,
}) => {
  await signUpTo(page, "/settings", "settings");
  const section = page.getByRole("region", { name: "SSH keys" });

  await section.getByLabel("Name of the new key").fill("e2e agent");
  await section.getByRole("button", { name: "Generate key" }).click();
  const shown = section.getByRole("status").filter({ hasText: "Generated “e2e agent”" });
  await expect(shown).toBeVisible();
  const publicKey = (await shown.getByLabel("Public key of e2e agent", { exact: true }).textContent())!.trim();
  expect(publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\S+ dumontcloud-e2e-agent$/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    shown.getByRole("link", { name: "Download .pub for e2e agent" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("e2e-agent.pub");
  expect(fs.readFileSync((await download.path())!, "utf8")).toBe(`${publicKey}\n`);
  // The download is for its owner only: without the session it is not found.
  const href = (await shown.getByRole("link", { name: "Download .pub for e2e agent" }).getAttribute("href"))!;
  expect((await request.get(href)).status()).toBe(404);

  const pair = utils.generateKeyPairSync("ed25519", { comment: "me@laptop" });
  await section.getByLabel("Name of your key").fill("laptop");
  await section.getByLabel("Public key", { exact: true }).fill(pair.private);
  await section.getByRole("button", { name: "Register key" }).click();
  await expect(section.getByText(/This is a private key, not a public one\. Nothing was stored\./)).toBeVisible();

  await section.getByLabel("Public key", { exact: true }).fill(pair.public);
  await section.getByRole("button", { name: "Register key" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Registered “laptop” (SHA256:" })).toBeVisible();
  await expect(section.getByTestId("ssh-key")).toHaveCount(2);
  await expect(section.getByTestId("ssh-key").filter({ hasText: "laptop" })).toContainText(pair.public.split(" ")[1]!);
  expect(await page.content()).not.toContain("PRIVATE KEY");

  await page.getByRole("button", { name: "Delete the SSH key laptop" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete key" }).click();
  await expect(section.getByTestId("ssh-key")).toHaveCount(1);
});

test("API tokens: created and shown once, then revoked", async ({ page }) => {
  await signUpTo(page, "/settings", "settings");
  const section = page.getByRole("region", { name: "API tokens" });
  await section.getByLabel("Token name").fill("");
  await section.getByRole("button", { name: "Create token" }).click();
  await expect(section.getByText("Name the token after what will use it.")).toBeVisible();

  await section.getByLabel("Token name").fill("e2e script");
  await section.getByRole("button", { name: "Create token" }).click();
  const fresh = section.getByTestId("new-api-token");
  await expect(fresh).toContainText("You will not see it again");
  const token = (await fresh.locator("code").first().textContent())!.trim();
  expect(token).toMatch(/^dcl_[A-Za-z0-9_-]{43}$/);
  const row = section.getByTestId("api-token").filter({ hasText: "e2e script" });
  await expect(row).toContainText(token.slice(0, 12));

  await page.reload();
  expect(await page.content()).not.toContain(token);
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);

  await page.getByRole("button", { name: "Revoke the token e2e script" }).click();
  await page
    .getByRole("dialog", { name: "Revoke the token “e2e script”?" })
    .getByRole("button", { name: "Revoke token" })
    .click();
  await expect(
    page.getByRole("region", { name: "API tokens" }).getByTestId("api-token").filter({ hasText: "e2e script" }),
  ).toContainText("revoked");
});

test("no serious or critical accessibility problems on /settings, with keys, errors and a new token showing", async ({
  page,
}) => {
  await signUpTo(page, "/settings", "settings");
  await page.getByLabel("Provider", { exact: true }).selectOption({ label: "RunPod" });
  await page.getByLabel("API key").fill("sbx-runpod-key-9876");
  await page.getByRole("button", { name: "Check and save key" }).click();
  await expect(page.getByTestId("provider-key-runpod")).toBeVisible();
  await page.getByLabel("Name of the new key").fill("agent");
  await page.getByRole("button", { name: "Generate key" }).click();
  await expect(page.getByText("Generated “agent”")).toBeVisible();
  await page.getByRole("button", { name: "Register key" }).click();
  await expect(page.getByText("Paste the public key.")).toBeVisible();
  await page.getByLabel("Token name").fill("axe");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-api-token")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
});
