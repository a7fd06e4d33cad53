import { expect, test } from "@playwright/test";
import { signUpTo } from "./helpers";

// The point of cuda-checkpoint for our users: stop paying for a GPU without losing the work. A TensorDock
// machine's CUDA processes are hibernated into the sandbox's local S3 (a real upload), the machine ends
// destroyed with its image stored, and the image resumes on Lambda with the same processes running.

test("hibernate a TensorDock machine into object storage, then resume it on Lambda with the same processes running", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signUpTo(page, "/deploy", "hibernate");
  await page.getByRole("button", { name: "Generate an SSH key" }).click();
  await expect(page.getByTestId("deploy-missing")).not.toContainText("SSH key");
  await page.getByRole("group", { name: "1. Provider" }).getByText("TensorDock", { exact: true }).click();
  await page.getByTestId("offer-row").filter({ hasText: "H100" }).first().getByRole("radio").check();
  await page.getByLabel("Name").fill("hib-box");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);
  const sourceUrl = page.url();
  await expect(page.getByTestId("machine-status")).toHaveText("running", { timeout: 60_000 });

  // The emulator's two CUDA jobs, as the agent lists them.
  const rows = page.getByTestId("checkpoint-panel").getByTestId("process-row");
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  const pids = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-pid")))).filter(
    Boolean,
  ) as string[];
  expect(pids).toHaveLength(2);

  const hib = page.getByTestId("hibernate-panel");
  await hib.getByRole("button", { name: "Hibernate…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("the machine is destroyed: billing ends");
  await dialog.getByRole("button", { name: "Hibernate and destroy" }).click();
  await expect(page.getByTestId("machine-status")).toHaveText("hibernated", { timeout: 150_000 });
  await expect(hib.getByTestId("image-size")).toContainText(/\d (B|kB|MB|GB)/);
  await expect(hib.getByTestId("image-size")).toContainText(/GB of memory before compression/);
  await expect(hib.getByTestId("image-location")).toContainText("s3://dumont-hibernate/hibernations/");
  await expect(hib.getByTestId("storage-cost")).toContainText("/month");
  await hib.getByText(/Every step/).click();
  for (const s of ["checkpoint", "pack", "upload", "verify", "destroy"])
    await expect(hib.getByTestId("hibernate-steps")).toContainText(s);

  // Still on the machines list, as hibernated (destroyed, its image waiting).
  await page.goto("/machines");
  await expect(page.getByTestId("machine-row").filter({ hasText: "hib-box" })).toContainText("hibernated");
  await page.goto(sourceUrl);

  // Resume: offers of every provider with an H100; those that cannot take the image say why (here the
  // containers of RunPod and Vast.ai; another count or an older driver are refused the same way).
  await hib.getByRole("button", { name: "Resume on a new machine…" }).click();
  const picker = hib.getByTestId("resume-picker");
  await expect(picker.getByTestId("resume-offer").first()).toBeVisible({ timeout: 30_000 });
  await expect(
    picker.getByTestId("resume-refusal").filter({ hasText: "cannot run on this offer" }).first(),
  ).toBeVisible();
  await picker
    .getByRole("radio", { name: /^lambda: 1×/ })
    .first()
    .check();
  await picker.getByRole("button", { name: "Resume on lambda" }).click();
  await expect(hib.getByTestId("resume-status")).toContainText("Resumed", { timeout: 150_000 });
  await hib.getByTestId("resume-status").getByRole("link").click();
  await expect(page).not.toHaveURL(sourceUrl);
  await expect(page).toHaveURL(/\/machines\/[0-9a-f-]{36}$/);

  // The same PIDs, running again on the new machine.
  await expect(page.getByTestId("resumed-from")).toContainText("hib-box");
  const panel = page.getByTestId("checkpoint-panel");
  for (const pid of pids)
    await expect(
      panel.locator(`[data-testid="process-row"][data-pid="${pid}"]`).getByTestId("process-state"),
    ).toHaveAttribute("data-state", "running", { timeout: 30_000 });
});
