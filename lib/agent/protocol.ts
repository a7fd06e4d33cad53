/**
 * Line protocol of the agent's scripts (all output on stdout):
 *
 *   @@begin <script> v1
 *   key=value                      one-line values
 *   @@section <name> k=v k=v       raw output of one tool follows, each line prefixed "| "
 *   | ...
 *   @@end rc=<n>
 *
 * Anything before @@begin (a login banner, a noisy .bashrc) is ignored; anything else that
 * does not fit is a parse error.
 */
import { AgentParseError } from "./errors";

export interface Section {
  name: string;
  attrs: Record<string, string>;
  lines: string[];
}

export interface ScriptOutput {
  script: string;
  kv: Record<string, string>;
  sections: Section[];
  ended: boolean;
  endRc: number | null;
}

const ATTR = /^([A-Za-z_][A-Za-z0-9_.-]*)=(\S*)$/;

export function parseAttrs(parts: string[]): Record<string, string> | null {
  const attrs: Record<string, string> = {};
  for (const p of parts) {
    const m = ATTR.exec(p);
    if (!m) return null;
    attrs[m[1]!] = m[2]!;
  }
  return attrs;
}

/**
 * Parses what a script printed. `partial: true` accepts output cut before @@end (a timeout or
 * a dropped connection) so the caller can still see which steps completed.
 */
export function parseScriptOutput(
  raw: string,
  expectScript: string,
  opts: { partial?: boolean; machineId?: string } = {},
): ScriptOutput {
  const lines = raw.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const begin = lines.indexOf(`@@begin ${expectScript} v1`);
  if (begin < 0)
    throw new AgentParseError(`${expectScript} output`, raw, [`no "@@begin ${expectScript} v1" line`], opts.machineId);
  const out: ScriptOutput = { script: expectScript, kv: {}, sections: [], ended: false, endRc: null };
  const issues: string[] = [];
  let cur: Section | null = null;
  for (let i = begin + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (out.ended) {
      issues.push(`line ${i + 1} after @@end`);
      break;
    }
    if (l.startsWith("| ") || l === "|") {
      if (!cur) {
        issues.push(`line ${i + 1}: raw line outside a section`);
        continue;
      }
      cur.lines.push(l.slice(2));
      continue;
    }
    if (l.startsWith("@@section ")) {
      const [, name, ...rest] = l.split(" ");
      const attrs = parseAttrs(rest.filter(Boolean));
      if (!name || !attrs) {
        issues.push(`line ${i + 1}: bad section header`);
        continue;
      }
      cur = { name, attrs, lines: [] };
      out.sections.push(cur);
      continue;
    }
    if (l.startsWith("@@end")) {
      const attrs = parseAttrs(l.split(" ").slice(1).filter(Boolean));
      out.ended = true;
      out.endRc = attrs?.rc !== undefined && /^\d+$/.test(attrs.rc) ? Number(attrs.rc) : null;
      cur = null;
      continue;
    }
    const eq = l.indexOf("=");
    if (eq > 0 && /^[a-z_][a-z0-9_]*$/.test(l.slice(0, eq))) {
      out.kv[l.slice(0, eq)] = l.slice(eq + 1);
      cur = null;
      continue;
    }
    issues.push(`line ${i + 1}: unexpected ${JSON.stringify(l.slice(0, 80))}`);
  }
  if (!out.ended && !opts.partial) issues.push("output ended before @@end");
  if (issues.length) throw new AgentParseError(`${expectScript} output`, raw, issues, opts.machineId);
  return out;
}

export function sectionText(s: Section | undefined): string {
  return s ? s.lines.join("\n") : "";
}

export function sectionRc(s: Section | undefined): number | null {
  const rc = s?.attrs.rc;
  return rc !== undefined && /^\d+$/.test(rc) ? Number(rc) : null;
}
