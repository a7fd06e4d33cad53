import "server-only";
import type { Db } from "@/db";
import { getMachineById, machineLease, type MachineRow } from "@/db/queries/machines";
import { HELD_RETRY_MS, MACHINE_STEP_DEADLINES } from "@/lib/deadlines";
import { formatHourly } from "@/lib/money";
import { findInstanceByMachineId, isProviderError, type ProviderAdapter } from "@/lib/providers";
import { getMachineSshPublicKey } from "./ssh-key-for-machine";
import { transition, type TransitionEvent } from "./transition";

export interface StepDeps {
  db: Db;
  adapterFor: (m: MachineRow) => Promise<ProviderAdapter>;
  sshReachable: (host: string, port: number) => Promise<boolean>;
  /** Told once a machine answers on SSH (start-up probes it for cuda-checkpoint); its failure is ignored. */
  onReady?: (machineId: string) => Promise<unknown>;
  now?: () => Date;
}

/** When to run the next step (ms from now), or null when the machine is settled. */
export type Next = number | null;

const POLL_MS = 1000;

const elapsed = (m: MachineRow, now: Date) => now.getTime() - (m.stepStartedAt ?? m.createdAt).getTime();

/** The provider's own words, for the page. */
const say = (e: unknown) => (isProviderError(e) || e instanceof Error ? e.message : String(e));
// No capacity is an answer, not a hiccup: fail at once with the provider's words.
const transient = (e: unknown) =>
  isProviderError(e) &&
  e.code !== "no_capacity" &&
  e.code !== "auth" &&
  (e.retryable || e.outcomeUnknown || ["rate_limited", "unavailable", "timeout"].includes(e.code));

/**
 * Runs one idempotent step of a machine's life, from its row: order, wait for boot, wait for SSH,
 * stop, start, destroy. A crash between steps resumes from the row; an order is only placed after
 * asking the provider whether an instance with our machine id already exists, so nothing is ordered twice.
 */
export async function advanceMachine(deps: StepDeps, machineId: string): Promise<Next> {
  const now = deps.now?.() ?? new Date();
  // Renewed from the step's own clock (a test's controlled clock stays consistent with its claims).
  const leased = await machineLease.withLease(
    deps.db,
    machineId,
    { now, clock: () => deps.now?.() ?? new Date() },
    (m) => step(deps, m, now),
  );
  if (leased) return leased.result;
  const row = await getMachineById(deps.db, machineId);
  // Held by another worker: look again later. Final or missing: nothing to do.
  return row && !["destroyed", "failed"].includes(row.status) ? HELD_RETRY_MS : null;
}

async function step(deps: StepDeps, m: MachineRow, now: Date): Promise<Next> {
  const go = (patch: Partial<MachineRow>, events: TransitionEvent[] = []) => transition(deps.db, m, patch, events, now);
  if (m.origin === "byo") return null;

  switch (m.status) {
    case "requested": {
      // Mark the order as started, then place it in the same step (one job pickup fewer).
      const row = await go({ status: "creating", statusDetail: "ordering from the provider" }, [
        { step: "order", outcome: "started", message: `Ordering ${m.gpuCount}× ${m.gpuModel} from ${m.provider}` },
      ]);
      return step(deps, row, now);
    }

    case "creating": {
      const adapter = await deps.adapterFor(m);
      try {
        // A reply lost on an earlier try may have created it: find it by our machine id first.
        const found = m.providerInstanceId ? null : await findInstanceByMachineId(adapter, m.id);
        const inst =
          found ??
          (m.providerInstanceId
            ? null
            : await adapter.createInstance({
                machineId: m.id,
                offerId: m.offerId ?? "",
                gpuCount: m.gpuCount,
                diskGb: m.diskGb,
                image: m.image === "ubuntu-22.04" ? undefined : m.image,
                sshPublicKey: await getMachineSshPublicKey(deps.db, m),
                name: m.name,
              }));
        await go(
          {
            status: "booting",
            providerInstanceId: inst?.id ?? m.providerInstanceId,
            providerStatus: inst?.rawStatus ?? null,
            statusDetail: "waiting for the provider to boot it",
          },
          [
            {
              step: "order",
              outcome: "done",
              message: found
                ? `Found the instance ${found.id} ordered by an earlier try`
                : `Ordered: instance ${inst?.id}`,
            },
          ],
        );
        return POLL_MS;
      } catch (e) {
        if (transient(e) && elapsed(m, now) < MACHINE_STEP_DEADLINES.create) {
          await go({ statusDetail: `retrying: ${say(e)}` }, [{ step: "order", outcome: "info", message: say(e) }]);
          return 3_000;
        }
        // Nothing was ordered (or nothing could be found): fail without leaving anything billing.
        await go({ status: "failed", failureReason: say(e), statusDetail: null }, [
          { step: "order", outcome: "failed", message: say(e) },
        ]);
        return null;
      }
    }

    case "booting": {
      const adapter = await deps.adapterFor(m);
      if (elapsed(m, now) > MACHINE_STEP_DEADLINES.boot)
        return failAndDestroy(go, `It did not become ready within ${MACHINE_STEP_DEADLINES.boot / 60_000} minutes.`);
      try {
        const inst = await adapter.getInstance(m.providerInstanceId!);
        if (inst.status === "failed")
          return failAndDestroy(go, `${adapter.label} reports the instance failed (${inst.rawStatus}).`);
        if (inst.status !== "running" || !inst.ssh) {
          // The adapter says this running instance will never get an SSH endpoint: say why and clean up.
          if (inst.status === "running" && typeof inst.extra.sshUnavailable === "string")
            return failAndDestroy(go, inst.extra.sshUnavailable);
          if (inst.rawStatus !== m.providerStatus)
            await go({ providerStatus: inst.rawStatus, statusDetail: `provider says ${inst.rawStatus}` }, [
              { step: "boot", outcome: "info", message: `${adapter.label}: ${inst.rawStatus}` },
            ]);
          return POLL_MS;
        }
        const ssh = inst.ssh;
        const reachable = await deps.sshReachable(ssh.host, ssh.port);
        if (!reachable) {
          if (m.statusDetail !== "waiting for SSH to answer")
            await go(
              {
                sshHost: ssh.host,
                sshPort: ssh.port,
                sshUser: ssh.user,
                providerStatus: inst.rawStatus,
                statusDetail: "waiting for SSH to answer",
              },
              [
                { step: "boot", outcome: "done", message: `${adapter.label} says running` },
                { step: "ssh", outcome: "started", message: `Waiting for SSH on ${ssh.host}:${ssh.port}` },
              ],
            );
          return POLL_MS;
        }
        await go(
          // Spending keeps the price quoted at order time (every billed part); a different figure from the
          // provider is shown as a step so the user can see it, not silently swapped in.
          {
            status: "running",
            sshHost: ssh.host,
            sshPort: ssh.port,
            sshUser: ssh.user,
            providerStatus: inst.rawStatus,
            statusDetail: null,
            readyAt: m.readyAt ?? now,
          },
          [
            ...(m.statusDetail === "waiting for SSH to answer"
              ? []
              : [{ step: "boot", outcome: "done" as const, message: `${adapter.label} says running` }]),
            ...(inst.pricePerHourMicros != null && inst.pricePerHourMicros !== m.pricePerHourMicros
              ? [
                  {
                    step: "price",
                    outcome: "info" as const,
                    message: `${adapter.label} reports ${formatHourly(inst.pricePerHourMicros)} for this instance; ordered at ${formatHourly(m.pricePerHourMicros)} (every billed part), which spending uses.`,
                  },
                ]
              : []),
            { step: "ssh", outcome: "done", message: `SSH answers on ${ssh.host}:${ssh.port}` },
            { step: "ready", outcome: "done", message: "Ready" },
          ],
        );
        if (deps.onReady) await deps.onReady(m.id).catch(() => undefined);
        return null;
      } catch (e) {
        if (isProviderError(e) && e.code === "not_found") {
          await go(
            { status: "failed", failureReason: `${m.provider} no longer knows the instance.`, statusDetail: null },
            [{ step: "boot", outcome: "failed", message: say(e) }],
          );
          return null;
        }
        if (transient(e)) return 3_000;
        return failAndDestroy(go, say(e));
      }
    }

    case "stopping":
    case "starting": {
      const adapter = await deps.adapterFor(m);
      const stopping = m.status === "stopping";
      const target = stopping ? "stopped" : "running";
      try {
        const inst = await adapter.getInstance(m.providerInstanceId!);
        if (inst.status === target && (stopping || inst.ssh)) {
          await go(
            {
              status: target,
              providerStatus: inst.rawStatus,
              statusDetail: null,
              ...(inst.ssh ? { sshHost: inst.ssh.host, sshPort: inst.ssh.port } : {}),
            },
            [
              {
                step: stopping ? "stop" : "start",
                outcome: "done",
                message: `${adapter.label} says ${inst.rawStatus}`,
              },
            ],
          );
          return null;
        }
        if (m.statusDetail !== "requested") {
          await (stopping ? adapter.stop?.(inst.id) : adapter.start?.(inst.id));
          await go({ statusDetail: "requested", providerStatus: inst.rawStatus }, [
            {
              step: stopping ? "stop" : "start",
              outcome: "info",
              message: `Asked ${adapter.label} to ${stopping ? "stop" : "start"} it`,
            },
          ]);
        }
        if (elapsed(m, now) > MACHINE_STEP_DEADLINES.stopStart) {
          await go(
            {
              status: stopping ? "running" : "stopped",
              statusDetail: null,
              failureReason: `${adapter.label} did not ${stopping ? "stop" : "start"} it in time; check it in ${adapter.label}'s console.`,
            },
            [{ step: stopping ? "stop" : "start", outcome: "failed", message: "Timed out" }],
          );
          return null;
        }
        return POLL_MS;
      } catch (e) {
        if (transient(e)) return 3_000;
        await go({ status: stopping ? "running" : "stopped", statusDetail: null }, [
          { step: stopping ? "stop" : "start", outcome: "failed", message: say(e) },
        ]);
        return null;
      }
    }

    case "destroying": {
      if (!m.providerInstanceId) {
        await go({ status: m.failureReason ? "failed" : "destroyed", destroyedAt: now, statusDetail: null }, [
          { step: "destroy", outcome: "done", message: "Nothing was ordered" },
        ]);
        return null;
      }
      const adapter = await deps.adapterFor(m);
      try {
        await adapter.destroy(m.providerInstanceId);
        let gone = false;
        try {
          const inst = await adapter.getInstance(m.providerInstanceId);
          gone = inst.status === "destroyed";
        } catch (e) {
          if (isProviderError(e) && e.code === "not_found") gone = true;
          else throw e;
        }
        if (gone) {
          await go(
            {
              status: m.failureReason ? "failed" : "destroyed",
              destroyedAt: now,
              statusDetail: null,
              cleanupAlert: null,
            },
            [
              {
                step: "destroy",
                outcome: "done",
                message: `${adapter.label} confirms the instance is gone; billing ended`,
              },
            ],
          );
          return null;
        }
      } catch (e) {
        if (!transient(e) && m.statusDetail !== `error: ${say(e)}`)
          await go({ statusDetail: `error: ${say(e)}` }, [{ step: "destroy", outcome: "info", message: say(e) }]);
      }
      if (elapsed(m, now) > MACHINE_STEP_DEADLINES.destroy && !m.cleanupAlert) {
        await go(
          {
            cleanupAlert: `We could not confirm that ${adapter.label} destroyed instance ${m.providerInstanceId}. Open ${adapter.label}'s console, destroy it by hand, and check that billing stopped. We keep trying every minute.`,
          },
          [{ step: "destroy", outcome: "failed", message: "Not confirmed in time" }],
        );
      }
      return m.cleanupAlert || elapsed(m, now) > MACHINE_STEP_DEADLINES.destroy ? 60_000 : POLL_MS;
    }

    default:
      return null;
  }
}

/** A failure after the order: destroy what was ordered, so nothing is left billing. */
async function failAndDestroy(
  go: (p: Partial<MachineRow>, e?: TransitionEvent[]) => Promise<MachineRow>,
  reason: string,
): Promise<Next> {
  await go({ status: "destroying", failureReason: reason, statusDetail: "cleaning up after a failure" }, [
    { step: "boot", outcome: "failed", message: reason },
    { step: "destroy", outcome: "started", message: "Destroying what was ordered, so nothing is left billing" },
  ]);
  return 0;
}
