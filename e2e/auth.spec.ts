import { expect, test } from "@playwright/test";

const email = () => `user-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

test("sign up, sign out, sign in; a protected page redirects and comes back", async ({ page }) => {
  const me = email();
  await page.goto("/spending");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fspending/);

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();
  await page.getByLabel("Email").fill(me);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(me);

  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/spending$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(me);
  for (const [path, text] of [
    ["/machines", "No machines yet"],
    ["/deploy", "Deploy a GPU machine"],
    ["/settings", "Provider keys and SSH keys"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("main")).toContainText(text);
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/machines");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(me);
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "That email and password do not match an account.",
  );

  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/machines$/);
});

test("a taken email says so; bad input gets field messages", async ({ page }) => {
  const me = email();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(me);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/machines$/);
  await page.getByRole("button", { name: "Sign out" }).click();

  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(me.toUpperCase());
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();

  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
});

test("repeated wrong passwords are slowed down", async ({ page }) => {
  const me = email();
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(me);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "That email and password do not match an account.",
    );
  }
  await page.getByLabel("Password").fill("wrong-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    /Too many failed attempts. Try again in \d+ seconds./,
  );
});
