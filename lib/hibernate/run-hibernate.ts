import "server-only";
import type { Db } from "@/db";
import { checkpointedRegistry, setProcessAfterOperation } from "@/db/queries/agent";
import {
  getHibernationById,
  hibernationLease,
  updateHibernation,
  type HibernationRow,
} from "@/db/queries/hibernations";
import { getMachineById } from "@/db/queries/machines";
import { HIBERNATE_ACTIVE, RESUME_ACTIVE, type HibernatedProcess, type HibernationStep } from "@/db/schema";
import {
  checkpoint,
  packImage,
  probe,
  processes,
  restore,
  uploadParts,
  verdict,
  type AgentPool,
  type MachineTarget,
} from "@/lib/agent";
import { describeAgentError, getAgentPool, targetForMachine } from "@/lib/checkpoints";
import { HELD_RETRY_MS, HIBERNATE_CHECKPOINT_MS, HIBERNATE_RESTORE_MS } from "@/lib/deadlines";
import { destroyMachine } from "@/lib/machines";
import { ObjectStore } from "./object-store";
import { partSizeFor, throttled, transferProgress } from "./progress";
import { storeForUser } from "./storage";

export interface HibernateDeps {
  db: Db;
  /** Asks a worker to run the machine's next step (destroy, once the image is safe). */
  enqueueMachineStep: (machineId: string) => Promise<void>;
  pool?: AgentPool;
}

/** When to look again (ms), or null when the record needs no more work for now. */
export type Next = number | null;

export const step = (s: string, outcome: HibernationStep["outcome"], message: string): HibernationStep => ({
  at: new Date().toISOString(),
  step: s,
  outcome,
  message,
});
const BATCH = 32;
export const objectKeyFor = (h: Pick<HibernationRow, "userId" | "id">, ext: string) =>
  `hibernations/${h.userId}/${h.id}.${ext}`;
export const extOf = (key: string) => (key.endsWith(".tar.gz") ? "tar.gz" : "tar.zst");
const errText = (e: unknown) => describeAgentError(e, "hibernate").message;

/** Whether a hibernate or a resume of this record is still under way. */
const needsWork = (h: HibernationRow) =>
  (HIBERNATE_ACTIVE as readonly string[]).includes(h.status) ||
  (h.status === "hibernated" && !!h.resumeStatus && (RESUME_ACTIVE as readonly string[]).includes(h.resumeStatus));

/**
 * Runs phases of one hibernation record under its lease, one after another, re-reading the row between
 * them, until a phase says when to look again (or that nothing is left): its hibernate phases, or its
 * resume phases.
 */
export async function runPhases(
  db: Db,
  id: string,
  phase: (h: HibernationRow) => Promise<Next | "again">,
): Promise<Next> {
  return withHibernationLease(db, id, async (h) => {
    let row = h;
    for (;;) {
      const next = await phase(row);
      if (next !== "again") return next;
      row = (await getHibernationById(db, id))!;
    }
  });
}

async function withHibernationLease(db: Db, id: string, fn: (h: HibernationRow) => Promise<Next>): Promise<Next> {
  // The same short, renewed lease as every other leased record: a killed worker's record is taken again within a minute.
  const leased = await hibernationLease.withLease(db, id, {}, fn);
  if (leased) return leased.result;
  // Held by another worker: look again later, unless there is nothing left to do.
  const row = await getHibernationById(db, id);
  return row && needsWork(row) ? HELD_RETRY_MS : null;
}

/**
 * Hibernate, phase by phase: checkpoint every CUDA process with cuda-checkpoint and a CRIU dump, pack
 * the images, upload the archive to the user's bucket, verify it there, then destroy the machine. The
 * machine is destroyed only once the image is verified; a failure before that restores the processes
 * on the machine, so nothing is lost either way.
 */
export async function advanceHibernate(deps: HibernateDeps, id: string): Promise<Next> {
  return runPhases(deps.db, id, (h) => phase(deps, h));
}

async function phase(deps: HibernateDeps, h: HibernationRow): Promise<Next | "again"> {
  const { db } = deps;
  const pool = deps.pool ?? getAgentPool();
  const m = await getMachineById(db, h.machineId);
  if (!m) return fail(deps, h, null, "The machine row vanished.");
  const needsMachine = ["requested", "checkpointing", "packing", "uploading", "verifying"].includes(h.status);
  if (needsMachine && m.status !== "running")
    return fail(deps, h, null, `The machine is ${m.status}; hibernation needs it running.`);
  let target: MachineTarget | null = null;
  if (needsMachine) {
    try {
      target = await targetForMachine(db, m);
    } catch (e) {
      return fail(deps, h, null, errText(e));
    }
  }

  switch (h.status) {
    case "requested":
      await updateHibernation(db, h.id, { status: "checkpointing" }, [
        step("checkpoint", "started", "Checking the machine and freezing its CUDA processes"),
      ]);
      return "again";

    case "checkpointing": {
      try {
        const p = await probe(pool, target!);
        const v = verdict(p);
        if (!v.ready || !v.criuReady) {
          const why = v.reasons
            .filter((r) => r.severity === "blocker" || !v.criuReady)
            .map((r) => r.message)
            .join("; ");
          return fail(deps, h, null, `This machine cannot hibernate: ${why || "CRIU is not usable here"}.`);
        }
        const registry = await checkpointedRegistry(db, m.id);
        const refs = registry.map((r) => ({
          pid: r.pid,
          usedMemoryMiB: r.usedMemoryMiB ?? undefined,
          name: r.name ?? undefined,
        }));
        const list = await processes(pool, target!, refs, { timeoutMs: 30_000 });
        const done = new Map(h.processes.map((x) => [x.pid, x]));
        const todo = list.filter(
          (x) => x.alive && ["running", "locked", "checkpointed"].includes(x.state) && !done.has(x.pid),
        );
        // Dumped by an earlier try or by hand: already an image on the disk.
        for (const r of registry)
          if (r.criuOperationId && !done.has(r.pid) && !list.some((x) => x.pid === r.pid && x.alive))
            done.set(r.pid, { pid: r.pid, name: r.name, usedMemoryMiB: r.usedMemoryMiB, imageId: r.criuOperationId });
        if (!todo.length && !done.size)
          return fail(
            deps,
            h,
            target,
            "There are no CUDA processes to hibernate. Destroy the machine instead if you no longer need it.",
          );
        for (const x of todo) {
          const imageId = `hb-${h.id.slice(0, 8)}-${x.pid}`;
          const out = await checkpoint(pool, target!, x.pid, {
            criu: true,
            operationId: imageId,
            commandTimeoutMs: HIBERNATE_CHECKPOINT_MS,
          });
          if (out.error) throw new Error(`checkpoint of PID ${x.pid} (${x.name ?? "?"}) failed: ${out.error.message}`);
          const hp: HibernatedProcess = { pid: x.pid, name: x.name, usedMemoryMiB: x.usedMemoryMiB, imageId };
          done.set(x.pid, hp);
          await setProcessAfterOperation(
            db,
            m.id,
            x.pid,
            { state: "gone", stateError: null, checkpointed: true, criuOperationId: imageId, name: x.name },
            new Date(),
          );
          await updateHibernation(db, h.id, { processes: [...done.values()] }, [
            step(
              "checkpoint",
              "info",
              `PID ${x.pid} (${x.name ?? "?"}): checkpointed and dumped with CRIU in ${out.record.durationMs} ms`,
            ),
          ]);
        }
        await updateHibernation(
          db,
          h.id,
          { status: "packing", processes: [...done.values()], driverVersion: p.driverVersion },
          [
            step(
              "checkpoint",
              "done",
              `${done.size} process${done.size === 1 ? "" : "es"} frozen (driver ${p.driverVersion ?? "unknown"})`,
            ),
            step("pack", "started", "Packing the CRIU images"),
          ],
        );
        return "again";
      } catch (e) {
        return fail(deps, h, target, errText(e));
      }
    }

    case "packing": {
      try {
        const packed = await packImage(
          pool,
          target!,
          h.id,
          h.processes.map((x) => x.imageId),
        );
        await updateHibernation(
          db,
          h.id,
          {
            status: "uploading",
            imageBytes: packed.imageBytes,
            rawBytes: packed.rawBytes,
            sha256: packed.sha256,
            objectKey: objectKeyFor(h, packed.ext),
            parts: [],
            uploadId: null,
          },
          [
            step(
              "pack",
              "done",
              `Packed ${packed.rawBytes} bytes of images into ${packed.imageBytes} bytes (${packed.ext}) in ${packed.packMs} ms`,
            ),
            step("upload", "started", "Uploading to object storage"),
          ],
        );
        return "again";
      } catch (e) {
        return fail(deps, h, target, errText(e));
      }
    }

    case "uploading": {
      const store = await storeForUser(db, h.userId);
      if (!store)
        return fail(
          deps,
          h,
          target,
          "No object storage is set up. Add an S3-compatible bucket in Settings → Object storage, then hibernate again.",
        );
      const os = new ObjectStore(store.config);
      try {
        const key = h.objectKey!;
        let uploadId = h.uploadId;
        if (!uploadId) {
          uploadId = await os.createUpload(key, { sha256: h.sha256!, "hibernation-id": h.id });
          await updateHibernation(
            db,
            h.id,
            {
              uploadId,
              storeEndpoint: store.config.endpoint,
              storeBucket: store.config.bucket,
              storagePricePerGbMonthMicros: store.pricePerGbMonthMicros,
            },
            [step("upload", "info", `Storing in ${store.label}`)],
          );
        }
        const total = h.imageBytes!;
        const partSize = partSizeFor(total);
        const count = Math.max(1, Math.ceil(total / partSize));
        const parts = [...h.parts];
        const have = new Set(parts.map((x) => x.n));
        const started = new Date();
        const already = parts.reduce((s, x) => s + x.bytes, 0);
        const progress = throttled(250, (bytes: number) =>
          updateHibernation(db, h.id, { progress: transferProgress("upload", bytes, total, started, new Date()) }),
        );
        let sent = already;
        const todo = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !have.has(n));
        for (let i = 0; i < todo.length; i += BATCH) {
          const batch = await Promise.all(
            todo.slice(i, i + BATCH).map(async (n) => ({ n, url: await os.presignPart(key, uploadId!, n) })),
          );
          let damaged: string | null = null;
          await uploadParts(pool, target!, { hibernationId: h.id, ext: extOf(key), partSize, parts: batch }, (p) => {
            // The store's ETag of a part is the MD5 of its bytes: a part that arrived damaged is caught here.
            if (/^[0-9a-f]{32}$/.test(p.etag) && p.etag !== p.md5)
              damaged ??= `part ${p.n} arrived damaged (ETag ${p.etag}, MD5 on the machine ${p.md5})`;
            else parts.push({ n: p.n, etag: p.etag, bytes: p.bytes });
            sent += p.bytes;
            progress.push(sent);
          });
          await updateHibernation(db, h.id, { parts });
          if (damaged) throw new Error(damaged);
        }
        await progress.flush();
        await updateHibernation(
          db,
          h.id,
          { status: "verifying", parts, progress: transferProgress("upload", total, total, started, new Date()) },
          [
            step("upload", "done", `Uploaded ${total} bytes in ${count} part${count === 1 ? "" : "s"}`),
            step("verify", "started", "Checking the stored image"),
          ],
        );
        return "again";
      } catch (e) {
        return fail(deps, h, target, `The upload failed: ${errText(e)}`);
      } finally {
        os.close();
      }
    }

    case "verifying": {
      const store = await storeForUser(db, h.userId);
      if (!store || store.config.endpoint !== h.storeEndpoint || store.config.bucket !== h.storeBucket)
        return fail(deps, h, target, "The object storage settings changed during the upload; hibernate again.");
      const os = new ObjectStore(store.config);
      try {
        const key = h.objectKey!;
        let head = await os.head(key);
        if (!head) {
          await os.completeUpload(key, h.uploadId!, h.parts);
          head = await os.head(key);
        }
        if (!head) throw new Error("the store does not list the image after the upload completed");
        if (head.bytes !== h.imageBytes)
          throw new Error(`the store holds ${head.bytes} bytes, the machine packed ${h.imageBytes}`);
        if (head.metadata.sha256 !== h.sha256)
          throw new Error("the stored image's checksum does not match the one taken on the machine");
        await destroyMachine(db, h.userId, m.id, null);
        await deps.enqueueMachineStep(m.id);
        await updateHibernation(db, h.id, { status: "destroying" }, [
          step(
            "verify",
            "done",
            `Stored and verified: ${head.bytes} bytes, SHA-256 ${h.sha256!.slice(0, 12)}…, every part's MD5`,
          ),
          step("destroy", "started", "Destroying the machine: billing ends"),
        ]);
        return 1_000;
      } catch (e) {
        return fail(deps, h, target, `The stored image could not be verified: ${errText(e)}`);
      } finally {
        os.close();
      }
    }

    case "destroying": {
      if (m.status === "destroyed" || (m.status === "failed" && !m.cleanupAlert)) {
        const now = new Date();
        await updateHibernation(
          db,
          h.id,
          {
            status: "hibernated",
            hibernatedAt: now,
            hibernateMs: now.getTime() - h.createdAt.getTime(),
            progress: null,
          },
          [step("destroy", "done", "Machine destroyed; the image is stored and billing has ended")],
        );
        return null;
      }
      if (m.cleanupAlert) {
        await updateHibernation(
          db,
          h.id,
          {
            status: "hibernated",
            hibernatedAt: new Date(),
            hibernateMs: Date.now() - h.createdAt.getTime(),
            progress: null,
          },
          [step("destroy", "failed", `The image is stored, but destroying the machine needs you: ${m.cleanupAlert}`)],
        );
        return null;
      }
      return 1_000;
    }

    default:
      return null;
  }
}

/**
 * A failure before the image is safe: processes already dumped are restored on the same machine (their
 * images are still on its disk), an unfinished upload is aborted, and the record says why.
 */
async function fail(
  deps: HibernateDeps,
  h: HibernationRow,
  target: MachineTarget | null,
  message: string,
): Promise<null> {
  const { db } = deps;
  const steps: HibernationStep[] = [];
  const fresh = (await getHibernationById(db, h.id)) ?? h;
  if (target && fresh.processes.length) {
    const pool = deps.pool ?? getAgentPool();
    for (const x of fresh.processes) {
      const out = await restore(pool, target, x.pid, {
        criu: true,
        checkpointOperationId: x.imageId,
        commandTimeoutMs: HIBERNATE_RESTORE_MS,
      }).catch((e: unknown) => ({ error: e as Error, record: null }));
      const ok = !out.error;
      if (ok)
        await setProcessAfterOperation(
          db,
          h.machineId,
          x.pid,
          { state: "running", stateError: null, checkpointed: false, criuOperationId: null },
          new Date(),
        );
      steps.push(
        step(
          "restore",
          ok ? "done" : "failed",
          ok
            ? `PID ${x.pid} restored on the machine`
            : `PID ${x.pid} could not be restored: ${out.error!.message}. Its image stays in ~/.dumont/checkpoints/${x.imageId}.`,
        ),
      );
    }
  }
  if (fresh.uploadId && fresh.objectKey) {
    const store = await storeForUser(db, h.userId).catch(() => null);
    if (store) {
      const os = new ObjectStore(store.config);
      await os.abortUpload(fresh.objectKey, fresh.uploadId);
      os.close();
    }
  }
  await updateHibernation(db, h.id, { status: "failed", error: message, progress: null }, [
    step("hibernate", "failed", message),
    ...steps,
  ]);
  return null;
}
