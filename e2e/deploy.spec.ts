import { expect, test } from "@playwright/test";
import { addProviderKey, generateSshKey, signUpTo } from "./helpers";

// The journey of issue 3 on the sandbox: add a key, deploy, watch it become ready, stop, start, destroy.

test("deploy on the sandbox, watch it become ready, stop, start, and destroy with the dialog", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpTo(page, "/settings", "deploy");
  await expect(page.getByTestId("sandbox-banner")).toContainText("Nothing real is ordered or billed");

  // A provider key (checked against the sandbox) and an SSH key the agent can use.
  await addProviderKey(page, "TensorDock", "sbx-deploy-key-9876wxyz");
  await generateSshKey(page, "deploy key");

  await page.goto("/deploy");
  await page.getByText("TensorDock ✓").click();
  const offer = page.getByTestId("offer-row").filter({ hasText: "RTX 4090" }).first();
  await offer.getByRole("radio").check();
  const summary = page.getByTestId("deploy-summary");
  await expect(summary).toContainText("Price:");
  await expect(summary).toContainText("Stopped, it still bills");
  await expect(summary).toContainText("cuda-checkpoint: can run here");
  await page.getByLabel("Name").fill("e2e-box");
  // A double click orders one machine.
  await page.getByRole("button", { name: "Deploy" }).dblclick();
  await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);
  const machineUrl = page.url();

  await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 60_000 });
  const steps = page.getByTestId("machine-steps");
  for (const s of ["request", "order", "boot", "ssh", "ready"]) await expect(steps).toContainText(s);
  await expect(page.getByTestId("ssh-command")).toContainText(/ssh -p \d+ user@127\.0\.0\.1/);

  await page.goto("/machines");
  await expect(page.getByTestId("machine-row").filter({ hasText: "e2e-box" })).toHaveCount(1);
  await page.goto(machineUrl);

  await page.getByRole("button", { name: /^Stop \(still bills/ }).click();
  await expect(page.getByTestId("machine-status")).toHaveText("stopped", { timeout: 30_000 });
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 30_000 });

  await page.getByRole("button", { name: "Destroy", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Destroy ends billing and erases the disk");
  await expect(dialog).toContainText("Stop would keep billing");
  await expect(dialog).toContainText("10-20%");
  await expect(dialog.getByTestId("destroy-cost")).toContainText("$");
  const confirm = dialog.getByRole("button", { name: "Destroy and end billing" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type e2e-box to confirm/).fill("e2e-box");
  await confirm.click();
  await expect(page.getByTestId("machine-status")).toHaveText("destroyed", { timeout: 30_000 });
  await expect(steps).toContainText("billing ended");
});

test("the machines API with a personal token: list, deploy, get, destroy; refused without one", async ({
  page,
  request,
}) => {
  await signUpTo(page, "/settings", "deploy");
  await generateSshKey(page, "api key");
  const tokens = page.getByRole("region", { name: "API tokens" });
  await tokens.getByLabel("Token name").fill("e2e script");
  await tokens.getByRole("button", { name: "Create token" }).click();
  const token = (await tokens.getByTestId("new-api-token").locator("code").first().textContent())!.trim();
  expect(token).toMatch(/^dcl_/);

  expect((await request.get("/api/v1/machines", { headers: { authorization: "" } })).status()).toBe(401);
  expect((await request.get("/api/v1/machines", { headers: { authorization: "Bearer dcl_nope" } })).status()).toBe(401);
  const auth = { authorization: `Bearer ${token}` };
  const offers = await (await request.get("/api/v1/offers?provider=runpod", { headers: auth })).json();
  expect(offers.source).toBe("live");
  // The browser's own session works on the same routes (the pages poll them).
  expect(await page.evaluate(async () => (await fetch("/api/v1/machines")).status)).toBe(200);

  const bad = await request.post("/api/v1/machines", {
    headers: auth,
    data: { provider: "runpod", offerId: offers.offers[0].id, gpuCount: 99, diskGb: 1, name: "bad name!" },
  });
  expect(bad.status()).toBe(400);
  const badBody = await bad.json();
  expect(Object.keys(badBody.fieldErrors)).toEqual(expect.arrayContaining(["gpuCount", "diskGb", "name", "sshKeyId"]));
  expect((await (await request.get("/api/v1/machines", { headers: auth })).json()).machines).toEqual([]);

  const { sshKeys } = await (await request.get("/api/v1/ssh-keys", { headers: auth })).json();
  const offer = offers.offers.find((o: { available: boolean }) => o.available);
  const created = await request.post("/api/v1/machines", {
    headers: auth,
    data: {
      provider: "runpod",
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 50,
      sshKeyId: sshKeys[0].id,
      name: "api-box",
      requestKey: "api-once",
    },
  });
  expect(created.status()).toBe(202);
  const { machine } = await created.json();
  // The same request key again: the same machine, not a second order.
  const again = await request.post("/api/v1/machines", {
    headers: auth,
    data: {
      provider: "runpod",
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 50,
      sshKeyId: sshKeys[0].id,
      name: "api-box",
      requestKey: "api-once",
    },
  });
  expect(again.status()).toBe(200);
  expect((await again.json()).machine.id).toBe(machine.id);
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/machines/${machine.id}`, { headers: auth })).json()).machine.status,
      { timeout: 30_000 },
    )
    .toBe("running");
  // RunPod can stop; the stop route answers 202 and the job takes it there.
  expect((await request.post(`/api/v1/machines/${machine.id}/stop`, { headers: auth })).status()).toBe(202);
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/machines/${machine.id}`, { headers: auth })).json()).machine.status,
      { timeout: 30_000 },
    )
    .toBe("stopped");
  expect((await request.delete(`/api/v1/machines/${machine.id}?confirm=wrong`, { headers: auth })).status()).toBe(400);
  expect((await request.delete(`/api/v1/machines/${machine.id}?confirm=api-box`, { headers: auth })).status()).toBe(
    202,
  );
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/machines/${machine.id}`, { headers: auth })).json()).machine.status,
      { timeout: 30_000 },
    )
    .toBe("destroyed");
  // Someone else's id is simply not found.
  expect((await request.get(`/api/v1/machines/${crypto.randomUUID()}`, { headers: auth })).status()).toBe(404);
});
