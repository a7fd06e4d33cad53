import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchRow } from "./types";

const fmt = (n: number | undefined) =>
  n === undefined ? "" : Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 3 : 1);

/** One markdown table: figure, comparison figure, ratio; plus the machine it was measured on. */
export function toMarkdown(rows: BenchRow[]): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const head = [
    `# Benchmark results`,
    ``,
    `Measured ${new Date().toISOString()} on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`,
    ``,
    `| Issue | Figure | Value | Compared with | Its value | Ratio | Note |`,
    `|---|---|---|---|---|---|---|`,
  ];
  const body = rows.map(
    (r) =>
      `| ${r.issue} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.versus ?? ""} | ${r.versusValue === undefined ? "" : `${fmt(r.versusValue)} ${r.unit}`} | ${r.ratio === undefined ? "" : r.ratio.toFixed(3)} | ${r.note ?? ""} |`,
  );
  return [...head, ...body, ""].join("\n");
}

/**
 * Writes bench-results/latest.md. With `keepOthers` (one suite run on its own), the rows of the issues
 * this run did not measure are kept from the file, so one suite can be measured again without losing
 * the rest.
 */
export function writeReport(
  rows: BenchRow[],
  dir = path.join(process.cwd(), "bench-results"),
  opts: { keepOthers?: boolean } = {},
): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.md");
  let md = toMarkdown(rows);
  if (opts.keepOthers && fs.existsSync(file)) {
    const measured = new Set(rows.map((r) => r.issue));
    const kept = fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter(
        (l) =>
          /^\| [^|]+ \|/.test(l) &&
          !l.startsWith("| Issue") &&
          !l.startsWith("|---") &&
          !measured.has(l.split("|")[1]!.trim()),
      );
    const lines = md.trimEnd().split("\n");
    const at = lines.findIndex((l) => l.startsWith("|---")) + 1;
    lines.splice(at, 0, ...kept);
    const measuredLine = lines.findIndex((l) => l.startsWith("Measured "));
    if (measuredLine >= 0)
      lines[measuredLine] +=
        ` Rows of ${[...measured].join(", ")} measured then; the other rows are kept from an earlier run.`;
    md = `${lines.join("\n")}\n`;
  }
  fs.writeFileSync(file, md);
  return md;
}
