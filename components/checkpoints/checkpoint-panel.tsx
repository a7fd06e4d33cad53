"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useToastAction } from "@/components/ui/use-toast-action";
import {
  checkpointAction,
  probeAction,
  restoreAction,
  setupAction,
  trustHostKeyAction,
} from "@/lib/checkpoints/actions";
import { OperationsHistory } from "./operations-history";
import { ProcessesTable } from "./processes-table";
import { AgentKeyProblem, HostKeyAlert, ReadinessVerdict } from "./readiness-verdict";
import { SetupLog } from "./setup-log";
import { formatWhen, useOperations, useProbe, useProcesses, useSetup } from "./use-agent";

/**
 * The machine page's cuda-checkpoint section: whether it can work here and why not (with setup one
 * click away), the CUDA processes with their live checkpoint state, checkpoint / restore per process,
 * and the history of operations.
 */
export function CheckpointPanel({ machineId }: { machineId: string }) {
  const qc = useQueryClient();
  const probe = useProbe(machineId);
  const procs = useProcesses(machineId);
  const ops = useOperations(machineId);
  const setup = useSetup(machineId);
  const [criu, setCriu] = useState(false);
  const criuId = useId();

  const view = probe.data;
  const verdict = view?.verdict ?? null;
  const run = setup.data?.run ?? null;
  const setupRunning = !!run && (run.status === "queued" || run.status === "running");
  const invalidate = () => qc.invalidateQueries({ queryKey: ["agent", machineId] });
  const { pending, act } = useToastAction(invalidate);

  const blocked = view?.hostKeyAlert
    ? "The machine's host key changed; resolve it above first."
    : view?.agentKeyProblem
      ? "The agent cannot log in to this machine (see above)."
      : !verdict
        ? view?.probing
          ? "Waiting for the probe."
          : "Probe the machine first."
        : !verdict.ready
          ? `Not ready: ${verdict.reasons.find((r) => r.severity === "blocker")?.message ?? "see the reasons above"}.`
          : setupRunning
            ? "Setup is running."
            : null;
  const criuReasons = verdict?.reasons.filter((r) => r.code.startsWith("criu")) ?? [];

  return (
    <section aria-labelledby="cuda-checkpoint" className="space-y-4" data-testid="checkpoint-panel">
      <h2 id="cuda-checkpoint" className="font-semibold">
        cuda-checkpoint
      </h2>

      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {view?.hostKeyAlert ? (
          <HostKeyAlert
            alert={view.hostKeyAlert}
            pending={pending}
            onTrust={() =>
              act(() => trustHostKeyAction(machineId, view.hostKeyAlert!.actual), "New host key trusted; probing again")
            }
          />
        ) : null}
        {view?.agentKeyProblem ? <AgentKeyProblem message={view.agentKeyProblem} /> : null}
        {probe.error ? (
          <p className="text-sm text-rose-800">Could not load the verdict: {probe.error.message}</p>
        ) : null}
        {view ? <ReadinessVerdict view={view} /> : <p className="text-sm text-slate-700">Loading…</p>}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={pending || !!view?.probing || !!view?.agentKeyProblem}
            onClick={() => act(probeAction.bind(null, machineId), "Probing")}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
          >
            {view?.probing ? "Probing…" : "Probe again"}
          </button>
          <button
            type="button"
            disabled={pending || setupRunning || !!view?.agentKeyProblem || !!view?.hostKeyAlert}
            onClick={() => act(setupAction.bind(null, machineId), "Setup started")}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50"
          >
            {setupRunning ? "Setting up…" : "Set up (driver 570+, cuda-checkpoint, persistence mode)"}
          </button>
        </div>
        {run ? <SetupLog run={run} /> : null}
      </div>

      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h3 className="text-sm font-semibold">CUDA processes</h3>
          <span className="text-xs text-slate-600" data-testid="processes-refreshed">
            {procs.data?.refreshedAt ? `live · read ${formatWhen(procs.data.refreshedAt)}` : "reading…"}
          </span>
          {verdict?.criuReady ? (
            <label htmlFor={criuId} className="ml-auto flex items-center gap-2 text-sm">
              <input id={criuId} type="checkbox" checked={criu} onChange={(e) => setCriu(e.target.checked)} />
              Also dump the whole process to disk with CRIU
            </label>
          ) : verdict?.ready ? (
            <span className="ml-auto text-xs text-slate-600">
              GPU-only checkpoints here{criuReasons.length ? `: ${criuReasons.map((r) => r.message).join("; ")}` : ""}
            </span>
          ) : null}
        </div>
        {procs.data?.refreshError ? (
          <p role="status" className="text-sm text-rose-800">
            Could not read the processes: {procs.data.refreshError}
          </p>
        ) : null}
        {procs.data ? (
          <ProcessesTable
            processes={procs.data.processes}
            actions={{
              blocked,
              pending,
              onCheckpoint: (pid) =>
                act(
                  () => checkpointAction(machineId, pid, criu && !!verdict?.criuReady),
                  `Checkpoint of PID ${pid} queued`,
                ),
              onRestore: (pid) => act(() => restoreAction(machineId, pid), `Restore of PID ${pid} queued`),
            }}
          />
        ) : procs.error ? (
          <p className="text-sm text-rose-800">Could not load the processes: {procs.error.message}</p>
        ) : (
          <p className="text-sm text-slate-700">Loading…</p>
        )}
      </div>

      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Checkpoint history</h3>
        {ops.data ? (
          <OperationsHistory operations={ops.data.operations} />
        ) : (
          <p className="text-sm text-slate-700">Loading…</p>
        )}
      </div>
    </section>
  );
}
