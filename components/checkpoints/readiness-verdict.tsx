"use client";

import Link from "next/link";
import type { ProbeDto } from "@/lib/checkpoints";
import { formatWhen } from "./use-agent";

/** The loud refusal when the machine presents another host key than the one pinned on first contact. */
export function HostKeyAlert({
  alert,
  onTrust,
  pending,
}: {
  alert: NonNullable<ProbeDto["hostKeyAlert"]>;
  onTrust: () => void;
  pending: boolean;
}) {
  return (
    <div
      role="alert"
      data-testid="host-key-alert"
      className="space-y-2 rounded-md border-2 border-rose-600 bg-rose-50 p-3 text-sm text-rose-900"
    >
      <p className="font-semibold">Host key changed: the agent refuses to connect to this machine.</p>
      <p>
        Pinned on first contact: <code className="break-all font-mono">{alert.expected}</code>
        <br />
        Presented since {formatWhen(alert.at)}: <code className="break-all font-mono">{alert.actual}</code>
      </p>
      <p>
        This may be a man-in-the-middle, or the machine was reinstalled. Check the new key on the machine itself (for
        example in the provider&apos;s web console:{" "}
        <code className="font-mono">ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code>) before trusting it.
      </p>
      <button
        type="button"
        disabled={pending}
        onClick={onTrust}
        className="rounded-md border border-rose-700 px-3 py-1 font-medium hover:bg-rose-100 disabled:opacity-50"
      >
        I checked it: trust {alert.actual.slice(0, 18)}…
      </button>
    </div>
  );
}

export function AgentKeyProblem({ message }: { message: string }) {
  return (
    <div
      role="alert"
      data-testid="agent-key-problem"
      className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
    >
      {message}{" "}
      <Link href="/settings" className="font-medium underline">
        Open Settings
      </Link>
    </div>
  );
}

/** Ready or not ready, with the probe's date and each reason with how to fix it. */
export function ReadinessVerdict({ view }: { view: ProbeDto }) {
  const v = view.verdict;
  const last = view.probe;
  const s = last?.summary ?? null;
  return (
    <div className="space-y-2" data-testid="readiness">
      {v ? (
        <p className="flex flex-wrap items-center gap-2">
          <span
            data-testid="verdict"
            data-ready={v.ready ? "true" : "false"}
            className={`rounded-full px-2 py-0.5 text-xs font-semibold ${v.ready ? "bg-emerald-100 text-emerald-900" : "bg-rose-100 text-rose-900"}`}
          >
            {v.ready ? "ready" : "not ready"}
          </span>
          <span className="text-sm text-slate-700">
            {v.ready ? "cuda-checkpoint can work here" : "cuda-checkpoint cannot work here yet"}
            {v.ready ? (v.criuReady ? ", and CRIU can dump whole processes" : ", GPU-only (no CRIU dumps)") : ""} ·
            probed {formatWhen(v.at)}
          </span>
        </p>
      ) : (
        <p className="text-sm text-slate-700" data-testid="verdict" data-ready="unknown">
          {view.probing ? "Probing the machine…" : "Not probed yet."}
        </p>
      )}
      {last?.error ? (
        <p className="text-sm text-rose-800" data-testid="probe-error">
          The last probe ({formatWhen(last.at)}) could not run: {last.error}
        </p>
      ) : null}
      {v?.reasons.length ? (
        <ul className="space-y-1 text-sm" data-testid="verdict-reasons">
          {v.reasons.map((r) => (
            <li key={r.code} className="rounded border border-slate-200 bg-white p-2">
              <span
                className={`mr-2 text-xs font-semibold uppercase ${r.severity === "blocker" ? "text-rose-700" : "text-amber-800"}`}
              >
                {r.severity}
              </span>
              {r.message}
              <div className="mt-1 text-slate-700">
                Fix: <code className="font-mono text-xs">{r.fix}</code>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {s ? (
        <p className="text-xs text-slate-600">
          {s.user}
          {s.isRoot ? " (root)" : s.passwordlessSudo ? " (sudo)" : ""} · kernel {s.kernel} · driver{" "}
          {s.driverVersion ?? "none"}
          {s.gpus.length
            ? ` · ${s.gpus.length}× ${s.gpus[0]!.name}, persistence ${s.gpus.every((g) => g.persistenceMode) ? "on" : "off"}`
            : ""}{" "}
          · cuda-checkpoint {s.cudaCheckpointPath ?? "missing"} · CRIU {s.criuVersion ?? "missing"}
        </p>
      ) : null}
    </div>
  );
}
