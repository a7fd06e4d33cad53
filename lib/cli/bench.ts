// `npm run bench`: every benchmark, printed as one table (figure, comparison figure, ratio) and written
// to bench-results/latest.md. Benchmarks measure; they never fail on a time.
import { benchComparePage } from "@/bench/compare-page";
import { benchDeploy } from "@/bench/deploy";
import { benchAgent } from "@/bench/agent";
import { benchFleetLoad } from "@/bench/fleet-load";
import { benchHibernate } from "@/bench/hibernate";
import { benchSpending } from "@/bench/spending";
import { benchLivePrices } from "@/bench/live-prices";
import { writeReport } from "@/bench/report";
import type { BenchRow } from "@/bench/types";
import { ensureBuild } from "./ensure-build";

const SUITES: { name: string; run: () => Promise<BenchRow[]> }[] = [
  { name: "compare page and start-up (issue 2)", run: benchComparePage },
  { name: "deploy (issue 3)", run: benchDeploy },
  { name: "agent (issue 4)", run: benchAgent },
  { name: "spending (issue 5)", run: benchSpending },
  { name: "fleet load (issue 6)", run: benchFleetLoad },
  { name: "live prices (live-price refresh)", run: benchLivePrices },
  { name: "hibernate and resume (issue 11)", run: benchHibernate },
];

async function main() {
  ensureBuild();
  const only = process.argv[2];
  if (only && !SUITES.some((s) => s.name.includes(only))) {
    console.error(
      `[bench] no benchmark is named like "${only}"; the names are: ${SUITES.map((s) => s.name).join("; ")}`,
    );
    process.exit(2);
  }
  const rows: BenchRow[] = [];
  for (const s of SUITES) {
    if (only && !s.name.includes(only)) continue;
    console.log(`[bench] ${s.name}…`);
    try {
      rows.push(...(await s.run()));
    } catch (e) {
      console.error(`[bench] ${s.name} could not run: ${(e as Error).message}`);
    }
  }
  console.log(`\n${writeReport(rows, undefined, { keepOthers: !!only })}`);
}

main().then(() => process.exit(0));
