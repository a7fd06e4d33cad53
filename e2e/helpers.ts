import { expect, type Page } from "@playwright/test";

/** A fresh address per call, so runs against a shared Postgres never collide. */
export const freshEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

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
