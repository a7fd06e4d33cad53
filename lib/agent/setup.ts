import { AgentParseError } from "./errors";
import type { AgentPool, MachineTarget } from "./pool";
import { parseAttrs, parseScriptOutput, sectionRc } from "./protocol";
import { probe, verdict, type ProbeResult, type Verdict } from "./probe";
import { SETUP_SCRIPT } from "./scripts";

export interface SetupLine {
  /** driver | apt_update | cuda_checkpoint | cc_help | persistence */
  step: string;
  line: string;
}

export interface SetupStepResult {
  name: string;
  exitCode: number | null;
  lines: string[];
}

export interface SetupResult {
  ok: boolean;
  steps: SetupStepResult[];
  driverBefore: string | null;
  driverAfter: string | null;
  rebootRequired: boolean;
  /** Fresh probe and verdict after the setup (unless `reprobe: false`). */
  probe?: ProbeResult;
  verdict?: Verdict;
}

/**
 * Installs what the seed guide installs by hand (nvidia-driver-570, cuda-checkpoint, persistence
 * mode), streaming each output line to `onLine` as it arrives.
 */
export async function setup(
  pool: AgentPool,
  target: MachineTarget,
  opts: { onLine?: (l: SetupLine) => void; timeoutMs?: number; reprobe?: boolean } = {},
): Promise<SetupResult> {
  let current = "start";
  const r = await pool.exec(target, SETUP_SCRIPT, [], {
    timeoutMs: opts.timeoutMs ?? 30 * 60_000,
    what: "setup",
    onStdoutLine: (l) => {
      if (l.startsWith("@@section step ")) {
        current = parseAttrs(l.split(" ").slice(2))?.name ?? current;
      } else if (l.startsWith("| ") || l === "|") {
        opts.onLine?.({ step: current, line: l.slice(2) });
      }
    },
  });
  let out: ReturnType<typeof parseScriptOutput>;
  try {
    out = parseScriptOutput(r.stdout, "setup", { machineId: target.id });
  } catch (e) {
    if (e instanceof AgentParseError)
      throw new AgentParseError(e.what, `${r.stdout}\n--- stderr ---\n${r.stderr}`, e.issues, target.id);
    throw e;
  }
  const steps: SetupStepResult[] = [];
  let cur: SetupStepResult | null = null;
  for (const s of out.sections) {
    if (s.name === "step") {
      cur = { name: s.attrs.name ?? "?", exitCode: null, lines: [...s.lines] };
      steps.push(cur);
    } else if (s.name === "result" && cur && s.attrs.name === cur.name) {
      cur.exitCode = sectionRc(s);
    } else if (s.name === "abort") {
      steps.push({ name: `abort:${s.attrs.reason ?? "?"}`, exitCode: 1, lines: s.lines });
    }
  }
  const result: SetupResult = {
    ok: out.endRc === 0,
    steps,
    driverBefore: out.kv.driver_before || null,
    driverAfter: out.kv.driver_after || null,
    rebootRequired: out.kv.reboot_required === "1",
  };
  if (opts.reprobe !== false) {
    result.probe = await probe(pool, target);
    result.verdict = verdict(result.probe);
  }
  return result;
}
