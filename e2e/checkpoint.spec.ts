import { expect, test } from "@playwright/test";
import { addProviderKey, generateSshKey, signUpTo } from "./helpers";

// Issue 4 on the sandbox: every sandbox machine has a real SSH endpoint on loopback with the GPU
// emulator and two long-running "CUDA jobs". A TensorDock machine probes ready; a RunPod pod (an
// unprivileged container) probes not ready, with the missing capabilities as its reasons.

test("deploy a TensorDock machine, see it ready for cuda-checkpoint, checkpoint a process and restore it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUpTo(page, "/settings", "ckpt");
  await addProviderKey(page, "TensorDock", "sbx-ckpt-key-1234abcd");
  await generateSshKey(page, "agent key");

  await page.goto("/deploy");
  await page.getByText("TensorDock ✓").click();
  await page.getByTestId("offer-row").filter({ hasText: "RTX 4090" }).first().getByRole("radio").check();
  await page.getByLabel("Name").fill("ckpt-box");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 60_000 });

  // Probed when it became ready: the verdict, with its date.
  const panel = page.getByTestId("checkpoint-panel");
  await expect(panel.getByTestId("verdict")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
  await expect(panel.getByTestId("readiness")).toContainText("cuda-checkpoint can work here");
  await expect(panel.getByTestId("readiness")).toContainText("probed");

  // The emulator's CUDA jobs, live from the refresh job.
  const rows = panel.getByTestId("process-row");
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const row = rows.first();
  await expect(row.getByTestId("process-state")).toHaveAttribute("data-state", "running");
  const pid = await row.getAttribute("data-pid");
  expect(Number(pid)).toBeGreaterThan(0);
  const byPid = panel.locator(`[data-testid="process-row"][data-pid="${pid}"]`);

  await byPid.getByRole("button", { name: "Checkpoint" }).click();
  await expect(byPid.getByTestId("process-state")).toHaveAttribute("data-state", "checkpointed", { timeout: 30_000 });
  const history = panel.getByTestId("operations-table");
  await expect(
    history.locator('[data-testid="operation-row"][data-action="checkpoint"][data-status="done"]'),
  ).toHaveCount(1, { timeout: 15_000 });
  await expect(history).toContainText(/\d (MiB|GiB)/);

  // Still listed although it left nvidia-smi, and it stays checkpointed across refreshes.
  await page.reload();
  await expect(byPid.getByTestId("process-state")).toHaveAttribute("data-state", "checkpointed", { timeout: 15_000 });

  await byPid.getByRole("button", { name: "Restore" }).click();
  await expect(byPid.getByTestId("process-state")).toHaveAttribute("data-state", "running", { timeout: 30_000 });
  await expect(history.locator('[data-testid="operation-row"][data-action="restore"][data-status="done"]')).toHaveCount(
    1,
    { timeout: 15_000 },
  );

  // The comparison now shows the agent's own evidence beside TensorDock's badge.
  await page.goto("/compare?gpu=H100");
  await expect(page.getByTestId("verified-tensordock").first()).toContainText(
    /Verified ready on \d+ simulated machines?, last on \d{4}-\d{2}-\d{2}/,
  );
});

test("the agent API with a token: a RunPod pod probes not ready and a checkpoint there is refused with the reasons", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signUpTo(page, "/settings", "ckpt");
  await generateSshKey(page, "api agent key");
  const tokens = page.getByRole("region", { name: "API tokens" });
  await tokens.getByLabel("Token name").fill("agent script");
  await tokens.getByRole("button", { name: "Create token" }).click();
  const token = (await tokens.getByTestId("new-api-token").locator("code").first().textContent())!.trim();
  const auth = { authorization: `Bearer ${token}` };

  const { sshKeys } = await (await request.get("/api/v1/ssh-keys", { headers: auth })).json();
  const offers = await (await request.get("/api/v1/offers?provider=runpod", { headers: auth })).json();
  const offer = offers.offers.find((o: { available: boolean }) => o.available);
  const created = await request.post("/api/v1/machines", {
    headers: auth,
    data: {
      provider: "runpod",
      offerId: offer.id,
      gpuCount: 1,
      diskGb: 50,
      sshKeyId: sshKeys[0].id,
      name: "pod",
      requestKey: "pod-once",
    },
  });
  expect(created.status()).toBe(202);
  const { machine } = await created.json();
  await expect
    .poll(
      async () =>
        (await (await request.get(`/api/v1/machines/${machine.id}`, { headers: auth })).json()).machine.status,
      { timeout: 60_000 },
    )
    .toBe("running");

  const base = `/api/v1/machines/${machine.id}`;
  await expect
    .poll(async () => (await (await request.get(`${base}/probe`, { headers: auth })).json()).verdict?.ready, {
      timeout: 30_000,
    })
    .toBe(false);
  const probe = await (await request.get(`${base}/probe`, { headers: auth })).json();
  expect(probe.verdict.reasons.map((r: { code: string }) => r.code)).toContain("cap_sys_ptrace_missing");

  expect(
    (
      await request.post(`${base}/checkpoints`, { headers: auth, data: { pid: "1; reboot", action: "checkpoint" } })
    ).status(),
  ).toBe(400);
  const refused = await request.post(`${base}/checkpoints`, {
    headers: auth,
    data: { pid: 4242, action: "checkpoint" },
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error).toMatch(
    /^Refused: the probe of .* says this machine cannot checkpoint: CAP_SYS_PTRACE missing/,
  );
  expect((await (await request.get(`${base}/checkpoints`, { headers: auth })).json()).operations).toEqual([]);
  expect((await request.get(`${base}/processes`, { headers: auth })).status()).toBe(200);
  expect((await request.post(`${base}/probe`, { headers: auth })).status()).toBe(202);
  // Without a token: refused.
  expect((await request.get(`${base}/processes`, { headers: { authorization: "Bearer dcl_nope" } })).status()).toBe(
    401,
  );
});
