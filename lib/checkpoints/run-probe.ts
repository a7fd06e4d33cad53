import "server-only";
import type { Db } from "@/db";
import { insertProbe, type ProbeRow } from "@/db/queries/agent";
import { getMachineById } from "@/db/queries/machines";
import { AgentParseError, probe, verdict } from "@/lib/agent";
import { describeAgentError, noteHostKeyChange } from "./agent-errors";
import { getAgentPool } from "./agent-pool";
import { targetForMachine } from "./machine-target";

/**
 * Job side: probes a running machine over SSH and stores what it found with the verdict and the
 * date. A probe that cannot run (no key, SSH refused, changed host key, output that does not parse)
 * is stored too, with its error, so the page says why. Null when the machine is not running.
 */
export async function runProbe(db: Db, machineId: string): Promise<ProbeRow | null> {
  const m = await getMachineById(db, machineId);
  if (m?.status !== "running") return null;
  const id = crypto.randomUUID();
  try {
    const target = await targetForMachine(db, m);
    const result = await probe(getAgentPool(), target);
    const v = verdict(result);
    return await insertProbe(db, {
      id,
      machineId,
      userId: m.userId,
      at: new Date(),
      ready: v.ready,
      criuReady: v.criuReady,
      verdict: v,
      result,
    });
  } catch (e) {
    await noteHostKeyChange(db, machineId, e);
    const d = describeAgentError(e, "probe");
    const raw = e instanceof AgentParseError ? { rawHead: e.rawHead, issues: e.issues } : null;
    return insertProbe(db, {
      id,
      machineId,
      userId: m.userId,
      at: new Date(),
      ready: false,
      criuReady: false,
      verdict: null,
      result: raw,
      error: d.message,
      errorCode: d.code,
    });
  }
}
