"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { FormMessage } from "@/components/ui/form-message";
import { Modal, ModalActions } from "@/components/ui/modal";
import { SubmitButton } from "@/components/ui/submit-button";
import { hibernateAction } from "@/lib/hibernate/actions";
import type { HibernationDto } from "@/lib/hibernate";
import type { MachineDto } from "@/lib/machines";
import { formatDuration } from "@/lib/format";
import { formatUsd } from "@/lib/money";
import { formatBytes } from "./format-bytes";
import { ResumePicker } from "./resume-picker";
import { TransferProgressBar } from "./transfer-progress";
import { hibernationActive, useHibernation } from "./use-hibernation";

const PHASES = ["checkpointing", "packing", "uploading", "verifying", "destroying", "hibernated"] as const;
const PHASE_LABEL: Record<string, string> = {
  requested: "Queued",
  checkpointing: "Checkpointing the CUDA processes (cuda-checkpoint + CRIU dump)",
  packing: "Packing the images",
  uploading: "Uploading to object storage",
  verifying: "Verifying the stored image",
  destroying: "Destroying the machine",
  hibernated: "Hibernated",
  failed: "Failed",
};
const RESUME_LABEL: Record<string, string> = {
  requested: "Ordering the new machine",
  deploying: "Waiting for the new machine",
  probing: "Checking the new machine can restore the image",
  downloading: "Downloading the image",
  restoring: "Restoring the processes",
  resumed: "Resumed",
  failed: "Resume failed",
};

/**
 * Hibernate: stop paying for a GPU without losing the work. Freezes every CUDA process, stores the image
 * in the user's bucket, destroys the machine; later resumes it on any offer that can take the image.
 */
export function HibernatePanel({ machine }: { machine: MachineDto }) {
  const { data } = useHibernation(machine.id);
  const qc = useQueryClient();
  const h = data?.hibernation ?? null;
  const from = data?.resumedFrom ?? null;
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ["hibernation", machine.id] }),
      qc.invalidateQueries({ queryKey: ["machine", machine.id] }),
    ]);
  // The machine's own state follows a hibernation's phases (running → destroyed → "hibernated"): refresh it as they change.
  const phase = `${h?.status}|${h?.resume.status}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `phase` is the trigger: the effect runs when a phase changes.
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: ["machine", machine.id] });
  }, [phase, qc, machine.id]);
  const canHibernate = machine.status === "running" && machine.origin !== "byo" && (!h || h.status === "failed");

  return (
    <section
      aria-labelledby="hibernate"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="hibernate-panel"
    >
      <h2 id="hibernate" className="font-semibold">
        Hibernate
      </h2>
      {from ? (
        <p className="text-sm" data-testid="resumed-from">
          Resumed from the hibernated machine{" "}
          <Link href={`/machines/${from.machineId}`} className="underline">
            {from.machineName ?? from.machineId}
          </Link>
          {from.resume.resumeMs != null ? ` in ${formatDuration(from.resume.resumeMs)}` : ""}: {from.processes.length}{" "}
          process{from.processes.length === 1 ? "" : "es"} restored.
        </p>
      ) : null}
      {canHibernate ? (
        <div className="space-y-2 text-sm">
          <p>
            Stop paying for this GPU without losing the work: every CUDA process is frozen with cuda-checkpoint and
            dumped with CRIU, the image is uploaded to your object storage and verified there, then the machine is
            destroyed and billing ends. Resume later on any provider with the same GPU.
          </p>
          {!machine.checkpointCapable ? (
            <p className="text-amber-900">
              cuda-checkpoint cannot run on this machine ({machine.kind}), so it cannot hibernate.
            </p>
          ) : (
            <HibernateDialog machine={machine} onDone={refresh} />
          )}
        </div>
      ) : null}
      {h ? <HibernationStatus h={h} /> : null}
      {h && h.status === "hibernated" && h.resume.status !== "resumed" && !(h.resume.status && hibernationActive(h)) ? (
        <ResumePicker h={h} />
      ) : null}
    </section>
  );
}

function HibernationStatus({ h }: { h: HibernationDto }) {
  const active = hibernationActive(h);
  const phaseIndex = PHASES.indexOf(h.status as (typeof PHASES)[number]);
  return (
    <div className="space-y-3 text-sm">
      {h.status === "hibernated" ? (
        <dl
          className="grid grid-cols-2 gap-3 rounded-md border border-indigo-200 bg-indigo-50 p-3 sm:grid-cols-4"
          data-testid="hibernated-summary"
        >
          <div>
            <dt className="text-xs uppercase text-slate-600">Image</dt>
            <dd className="font-medium" data-testid="image-size">
              {h.imageBytes != null ? formatBytes(h.imageBytes) : "?"}
              {h.rawBytes != null ? (
                <span className="block text-xs text-slate-600">
                  {formatBytes(h.rawBytes)} of memory before compression
                </span>
              ) : null}
            </dd>
          </div>
          <div className="col-span-2">
            <dt className="text-xs uppercase text-slate-600">Stored at</dt>
            <dd className="break-all font-mono text-xs" data-testid="image-location">
              {h.location}
              <span className="block font-sans text-slate-600">on {h.endpoint}</span>
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase text-slate-600">Storage cost</dt>
            <dd className="font-medium" data-testid="storage-cost">
              {h.storageMicrosPerMonth != null
                ? `${formatUsd(h.storageMicrosPerMonth, { maxDigits: 4 })}/month`
                : "unknown"}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-4 text-xs text-slate-700">
            {h.processes.length} process{h.processes.length === 1 ? "" : "es"} (
            {h.processes.map((p) => `${p.name ?? "?"} PID ${p.pid}`).join(", ")}), {h.gpuCount}× {h.gpuModel}, driver{" "}
            {h.driverVersion ?? "?"}
            {h.hibernateMs != null ? `; hibernated in ${formatDuration(h.hibernateMs)}` : ""}.
          </div>
        </dl>
      ) : null}
      {h.status !== "hibernated" ? (
        <ol className="space-y-1" aria-label="Hibernate phases">
          {PHASES.slice(0, -1).map((p, i) => (
            <li
              key={p}
              className={
                i < phaseIndex
                  ? "text-emerald-800"
                  : i === phaseIndex && h.status !== "failed"
                    ? "font-medium"
                    : "text-slate-500"
              }
            >
              {i < phaseIndex ? "✓ " : i === phaseIndex ? "… " : "· "}
              {PHASE_LABEL[p]}
            </li>
          ))}
        </ol>
      ) : null}
      {h.progress && active ? <TransferProgressBar p={h.progress} /> : null}
      {h.status === "failed" ? (
        <p
          role="alert"
          className="rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-900"
          data-testid="hibernate-error"
        >
          <strong>Hibernate failed:</strong> {h.error}
        </p>
      ) : null}
      {h.resume.status ? (
        <div className="space-y-1" data-testid="resume-status">
          <p className={h.resume.status === "failed" ? "text-rose-800" : ""}>
            <strong>{RESUME_LABEL[h.resume.status]}</strong>
            {h.resume.machineId ? (
              <>
                {" "}
                on{" "}
                <Link href={`/machines/${h.resume.machineId}`} className="underline">
                  {h.resume.machineName ?? "the new machine"}
                </Link>
              </>
            ) : null}
            {h.resume.status === "resumed" && h.resume.resumeMs != null
              ? ` in ${formatDuration(h.resume.resumeMs)}`
              : ""}
          </p>
          {h.resume.error ? (
            <p
              role="alert"
              className="rounded-md border border-rose-300 bg-rose-50 p-2 text-rose-900"
              data-testid="resume-error"
            >
              {h.resume.error}
            </p>
          ) : null}
        </div>
      ) : null}
      <details>
        <summary className="cursor-pointer text-slate-700">Every step ({h.steps.length})</summary>
        <ol className="mt-1 space-y-0.5 text-xs" data-testid="hibernate-steps">
          {h.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are only ever appended, so a step keeps its index.
            <li key={i}>
              <span className="font-medium">{s.step}</span>{" "}
              {s.outcome === "failed" ? "✕" : s.outcome === "done" ? "✓" : "•"} {s.message}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}

function HibernateDialog({ machine, onDone }: { machine: MachineDto; onDone: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setError(null);
      }}
      trigger={
        <button
          type="button"
          className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Hibernate…
        </button>
      }
      title={`Hibernate ${machine.name}?`}
      description={
        <>
          <p>
            Every CUDA process on it is checkpointed and dumped, the image is uploaded to your object storage and
            verified, and then <strong>the machine is destroyed: billing ends.</strong>
          </p>
          <p>
            If anything fails before the image is verified, the processes are restored where they are and the machine
            keeps running.
          </p>
          <p>Storage bills per GB-month while the image is kept; the page says how much once it is stored.</p>
        </>
      }
    >
      <FormMessage variant="inline" error={error} />
      <ModalActions>
        <SubmitButton
          type="button"
          pending={pending}
          pendingLabel="Working…"
          onClick={() =>
            start(async () => {
              const r = await hibernateAction(machine.id);
              if (!r.ok) return setError(r.error);
              toast.success("Hibernating: the machine is destroyed once its image is safe");
              setOpen(false);
              await onDone();
            })
          }
          className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          Hibernate and destroy
        </SubmitButton>
      </ModalActions>
    </Modal>
  );
}
