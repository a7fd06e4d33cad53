import "server-only";
import { updateHibernation, type HibernationRow } from "@/db/queries/hibernations";
import { getMachineById } from "@/db/queries/machines";
import { downloadImage, probe, restore, unpackImage, verdict } from "@/lib/agent";
import { describeAgentError, getAgentPool, targetForMachine, refreshProcesses } from "@/lib/checkpoints";
import { HIBERNATE_RESTORE_MS, RESUME_DEPLOY_MS } from "@/lib/deadlines";
import { destroyMachine } from "@/lib/machines";
import { compareDrivers } from "./compatibility";
import { ObjectStore } from "./object-store";
import { throttled, transferProgress } from "./progress";
import { extOf, runPhases, step, type HibernateDeps, type Next } from "./run-hibernate";
import { storeForUser } from "./storage";

const errText = (e: unknown) => describeAgentError(e, "resume").message;

/**
 * Resume, phase by phase: wait for the new machine, check it can take the image (probe: ready, CRIU,
 * a driver no older than the image's), download and verify the image, restore every process. A refused
 * or failed attempt destroys the new machine (it would bill for nothing) and keeps the image for another.
 */
export async function advanceResume(deps: HibernateDeps, id: string): Promise<Next> {
  return runPhases(deps.db, id, (h) => resumePhase(deps, h));
}

async function resumePhase(deps: HibernateDeps, h: HibernationRow): Promise<Next | "again"> {
  const { db } = deps;
  const pool = deps.pool ?? getAgentPool();
  if (h.status !== "hibernated" || !h.resumeStatus || !h.resumeMachineId) return null;
  const m = await getMachineById(db, h.resumeMachineId);
  if (!m) return refuse(deps, h, "The new machine row vanished.");

  switch (h.resumeStatus) {
    case "requested":
    case "deploying": {
      if (m.status === "failed")
        return refuse(deps, h, `The new machine could not be deployed: ${m.failureReason ?? "unknown reason"}.`, false);
      if (m.status === "destroyed" || m.status === "destroying")
        return refuse(deps, h, "The new machine was destroyed before the image was restored.", false);
      if (m.status !== "running") {
        if (Date.now() - (h.resumeStartedAt ?? h.updatedAt).getTime() > RESUME_DEPLOY_MS)
          return refuse(deps, h, `The new machine was not running after ${RESUME_DEPLOY_MS / 60_000} minutes.`);
        if (h.resumeStatus === "requested") await updateHibernation(db, h.id, { resumeStatus: "deploying" });
        return 1_000;
      }
      await updateHibernation(db, h.id, { resumeStatus: "probing" }, [
        step("deploy", "done", `New machine running on ${m.provider} (${m.gpuCount}× ${m.gpuModel})`),
        step("probe", "started", "Checking that it can restore the image"),
      ]);
      return "again";
    }

    case "probing": {
      try {
        const target = await targetForMachine(db, m);
        const p = await probe(pool, target);
        const v = verdict(p);
        if (!v.ready || !v.criuReady)
          return refuse(
            deps,
            h,
            `The new machine cannot restore the image: ${v.reasons.map((r) => r.message).join("; ") || "CRIU is not usable there"}.`,
          );
        if (h.driverVersion && p.driverVersion && compareDrivers(p.driverVersion, h.driverVersion) < 0)
          return refuse(
            deps,
            h,
            `The new machine's NVIDIA driver ${p.driverVersion} is older than ${h.driverVersion}, under which the image was taken. Restore needs the same or a newer driver: pick another offer.`,
          );
        const gpus = p.gpus.length;
        if (gpus && gpus < h.gpuCount)
          return refuse(deps, h, `The new machine shows ${gpus} GPUs; the image holds ${h.gpuCount}.`);
        await updateHibernation(db, h.id, { resumeStatus: "downloading" }, [
          step("probe", "done", `Ready: driver ${p.driverVersion ?? "?"}, CRIU ${p.criu.version ?? "?"}`),
          step("download", "started", "Downloading the image"),
        ]);
        return "again";
      } catch (e) {
        return refuse(deps, h, errText(e));
      }
    }

    case "downloading": {
      const store = await storeForUser(db, h.userId);
      if (!store || store.config.endpoint !== h.storeEndpoint || store.config.bucket !== h.storeBucket)
        return refuse(
          deps,
          h,
          `The image is in s3://${h.storeBucket} at ${h.storeEndpoint}, but the object storage settings no longer point there. Set them back in Settings, then resume.`,
        );
      const os = new ObjectStore(store.config);
      try {
        const target = await targetForMachine(db, m);
        const total = h.imageBytes ?? 0;
        const started = new Date();
        const progress = throttled(250, (bytes: number) =>
          updateHibernation(db, h.id, { progress: transferProgress("download", bytes, total, started, new Date()) }),
        );
        const url = await os.presignGet(h.objectKey!);
        const got = await downloadImage(pool, target, { hibernationId: h.id, ext: extOf(h.objectKey!), url }, (b) =>
          progress.push(b),
        );
        await progress.flush();
        if (got.imageBytes !== total) throw new Error(`downloaded ${got.imageBytes} bytes, the image has ${total}`);
        if (got.sha256 !== h.sha256)
          throw new Error("the downloaded image's checksum does not match the one taken when it was packed");
        await unpackImage(pool, target, { hibernationId: h.id, ext: extOf(h.objectKey!), sha256: h.sha256! });
        await updateHibernation(
          db,
          h.id,
          { resumeStatus: "restoring", progress: transferProgress("download", total, total, started, new Date()) },
          [
            step("download", "done", `Downloaded ${total} bytes in ${got.downloadMs} ms; SHA-256 matches`),
            step(
              "restore",
              "started",
              `Restoring ${h.processes.length} process${h.processes.length === 1 ? "" : "es"}`,
            ),
          ],
        );
        return "again";
      } catch (e) {
        return refuse(deps, h, `The download failed: ${errText(e)}`);
      } finally {
        os.close();
      }
    }

    case "restoring": {
      try {
        const target = await targetForMachine(db, m);
        for (const x of h.processes) {
          const out = await restore(pool, target, x.pid, {
            criu: true,
            checkpointOperationId: x.imageId,
            commandTimeoutMs: HIBERNATE_RESTORE_MS,
          });
          if (out.error) throw new Error(`PID ${x.pid} (${x.name ?? "?"}): ${out.error.message}`);
          await updateHibernation(db, h.id, {}, [
            step(
              "restore",
              "info",
              `PID ${x.pid} (${x.name ?? "?"}) running again (${out.record.finalState}) after ${out.record.durationMs} ms`,
            ),
          ]);
        }
        await refreshProcesses(db, m.id);
        const now = new Date();
        await updateHibernation(
          db,
          h.id,
          {
            resumeStatus: "resumed",
            resumedAt: now,
            resumeMs: now.getTime() - (h.resumeStartedAt ?? now).getTime(),
            progress: null,
          },
          [step("restore", "done", `Resumed on ${m.name}: every process is running again`)],
        );
        return null;
      } catch (e) {
        // The processes may be half restored: keep the machine for the user to look at, and say so.
        await updateHibernation(
          db,
          h.id,
          {
            resumeStatus: "failed",
            resumeError: `The restore failed: ${errText(e)}. The new machine is kept (it bills) so you can look; the image is still stored.`,
            progress: null,
          },
          [step("restore", "failed", errText(e))],
        );
        return null;
      }
    }

    default:
      return null;
  }
}

/** A refused or failed attempt: the new machine is destroyed (unless already gone) and the image stays for another try. */
async function refuse(deps: HibernateDeps, h: HibernationRow, message: string, destroy = true): Promise<null> {
  if (destroy && h.resumeMachineId) {
    const m = await getMachineById(deps.db, h.resumeMachineId);
    if (m && !["destroyed", "destroying"].includes(m.status)) {
      await destroyMachine(deps.db, h.userId, m.id, null).catch(() => undefined);
      await deps.enqueueMachineStep(m.id).catch(() => undefined);
    }
  }
  await updateHibernation(deps.db, h.id, { resumeStatus: "failed", resumeError: message, progress: null }, [
    step(
      "resume",
      "failed",
      `${message}${destroy ? " The new machine is being destroyed; the image is still stored." : " The image is still stored."}`,
    ),
  ]);
  return null;
}
