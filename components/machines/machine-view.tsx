"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { startAction, stopAction } from "@/lib/machines/actions";
import { CheckpointPanel } from "@/components/checkpoints/checkpoint-panel";
import { HibernatePanel } from "@/components/hibernate/hibernate-panel";
import { CopyButton } from "@/components/ui/copy-button";
import { useToastAction } from "@/components/ui/use-toast-action";
import type { MachineDto, MachineEventDto } from "@/lib/machines";
import { formatDuration } from "@/lib/format";
import { formatUsd, perHour } from "@/lib/money";
import { DestroyDialog } from "./destroy-dialog";
import { StatusBadge } from "./status-badge";
import { useMachine } from "./use-machines";

const OUTCOME = { started: "…", done: "✓", failed: "✕", info: "•" } as Record<string, string>;

export function MachineView({ initial }: { initial: { machine: MachineDto; events: MachineEventDto[] } }) {
  const { data } = useMachine(initial.machine.id, initial);
  const qc = useQueryClient();
  const m = data?.machine ?? initial.machine;
  const events = data?.events ?? initial.events;
  const t0 = events[0] ? new Date(events[0].at).getTime() : new Date(m.createdAt).getTime();
  const refresh = () => qc.invalidateQueries({ queryKey: ["machine", m.id] });
  const { trigger } = useToastAction(refresh);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{m.name}</h1>
        <StatusBadge status={m.displayStatus} />
        {m.statusDetail ? <span className="text-sm text-slate-700">{m.statusDetail}</span> : null}
        <div className="ml-auto flex gap-2">
          {m.status === "running" && m.canStop && m.origin !== "byo" ? (
            <button
              type="button"
              {...trigger(() => stopAction(m.id), "Stopping")}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              Stop{m.stoppedPricePerHourMicros != null ? ` (still bills ${perHour(m.stoppedPricePerHourMicros)})` : ""}
            </button>
          ) : null}
          {m.status === "running" && !m.canStop && m.origin !== "byo" ? (
            <span className="self-center text-xs text-slate-700">
              {m.providerLabel} cannot stop: only destroy ends billing
            </span>
          ) : null}
          {m.status === "stopped" ? (
            <button
              type="button"
              {...trigger(() => startAction(m.id), "Starting")}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
            >
              Start
            </button>
          ) : null}
          {!["destroyed", "destroying"].includes(m.status) && !(m.status === "failed" && !m.providerInstanceId) ? (
            <DestroyDialog machine={m} onDone={refresh} />
          ) : null}
        </div>
      </div>

      {m.cleanupAlert ? (
        <div role="alert" className="rounded-md border-2 border-rose-600 bg-rose-50 p-3 text-rose-900">
          <strong>Action needed:</strong> {m.cleanupAlert}
        </div>
      ) : null}
      {m.failureReason ? (
        <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
          <strong>Failed:</strong> {m.failureReason}
        </div>
      ) : null}
      {m.sandbox ? (
        <p className="text-sm text-amber-900">Simulated machine (sandbox): nothing real is billed.</p>
      ) : null}

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <Item label="Provider" value={`${m.providerLabel}${m.region ? ` · ${m.region}` : ""}`} />
        <Item label="GPU" value={`${m.gpuCount}× ${m.gpuModel}`} />
        <Item label="Price" value={perHour(m.pricePerHourMicros)} />
        <Item
          label="Stopped, it bills"
          value={
            !m.canStop
              ? "cannot stop"
              : m.stoppedPricePerHourMicros != null
                ? perHour(m.stoppedPricePerHourMicros)
                : "unknown"
          }
        />
        <Item label="Uptime" value={m.uptimeMs ? formatDuration(m.uptimeMs) : "—"} />
        <Item label="Cost so far" value={formatUsd(m.costSoFarMicros, { maxDigits: 4 })} testId="cost-so-far" />
        <Item label="Billing now" value={perHour(m.rateNowMicros)} />
        <Item
          label="cuda-checkpoint"
          value={m.checkpointCapable ? `possible (${m.kind})` : `not possible (${m.kind})`}
        />
      </dl>

      {m.priceParts.length > 1 ? (
        <p className="text-sm text-slate-700" data-testid="price-parts">
          Price as ordered:{" "}
          {m.priceParts
            .map((x) => `${x.label} ${perHour(x.pricePerHourMicros)}${x.whileStopped ? " (also while stopped)" : ""}`)
            .join(" + ")}
          .
        </p>
      ) : null}

      {m.ssh && !["destroyed", "failed"].includes(m.status) ? (
        <section aria-labelledby="ssh" className="space-y-1">
          <h2 id="ssh" className="font-semibold">
            SSH
          </h2>
          <div className="flex items-center justify-between gap-2 rounded bg-slate-900 px-3 py-2">
            <code className="font-mono text-sm text-slate-50" data-testid="ssh-command">
              {m.ssh.command}
            </code>
            <CopyButton text={m.ssh.command} />
          </div>
        </section>
      ) : null}

      {m.status === "running" ? <CheckpointPanel machineId={m.id} /> : null}
      {m.origin !== "byo" && (m.status === "running" || m.hibernation) ? <HibernatePanel machine={m} /> : null}

      <section aria-labelledby="steps" className="space-y-2">
        <h2 id="steps" className="font-semibold">
          Steps
        </h2>
        <ol className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="machine-steps">
          {events.map((e) => (
            <li key={e.id} className="flex gap-3">
              <span className="w-16 shrink-0 text-right tabular-nums text-slate-600">
                +{formatDuration(new Date(e.at).getTime() - t0)}
              </span>
              <span
                aria-hidden="true"
                className={
                  e.outcome === "failed"
                    ? "text-rose-700"
                    : e.outcome === "done"
                      ? "text-emerald-700"
                      : "text-slate-600"
                }
              >
                {OUTCOME[e.outcome] ?? "•"}
              </span>
              <span>
                <span className="font-medium">{e.step}</span>
                {e.message ? `: ${e.message}` : ""}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <p className="text-sm">
        <Link href="/machines" className="underline">
          ← All machines
        </Link>
      </p>
    </div>
  );
}

function Item({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-600">{label}</dt>
      <dd className="font-medium tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
