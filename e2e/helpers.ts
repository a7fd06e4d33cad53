import { expect, type Page } from "@playwright/test";

/** A fresh address per call, so runs against a shared Postgres never collide. */
export const freshEmail = (prefix: string) =>
  `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

/** Signs up a new user through the form and lands on `path` (the sign-up's callback). */
export async function signUpTo(page: Page, path: string, prefix = "user"): Promise<string> {
  const email = freshEmail(prefix);
  await page.goto(`/sign-up?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  return email;
}

/** Generates an SSH key on the Settings page (the one the agent can use) and waits for it. */
export async function generateSshKey(page: Page, name: string): Promise<void> {
  const ssh = page.getByRole("region", { name: "SSH keys" });
  await ssh.getByLabel("Name of the new key").fill(name);
  await ssh.getByRole("button", { name: "Generate key" }).click();
  await expect(ssh.getByRole("status").filter({ hasText: "Generated" })).toBeVisible();
}

/** Saves a provider key on the Settings page (by the provider's label) and waits for its masked form. */
export async function addProviderKey(page: Page, provider: string, key: string): Promise<void> {
  const keys = page.getByRole("region", { name: "Provider keys" });
  await keys.getByLabel("Provider", { exact: true }).selectOption({ label: provider });
  await keys.getByLabel("API key").fill(key);
  await keys.getByRole("button", { name: "Check and save key" }).click();
  const slug = provider.toLowerCase().replace(/[^a-z0-9]/g, "");
  await expect(keys.getByTestId(`provider-key-${slug}`)).toContainText(`••••${key.slice(-4)}`);
}
