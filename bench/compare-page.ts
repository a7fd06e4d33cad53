import path from "node:path";
import zlib from "node:zlib";
import { load } from "./load";
import { plainStaticServer } from "./plain-static-server";
import { startServer, tempDataDir } from "./server";
import { row, type BenchRow } from "./types";

const NEXT = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

/**
 * Sum of gzip sizes of the scripts the page loads first (what "first-load JS" means in Next's build
 * output). `noModule` scripts (legacy polyfills) are skipped: browsers with ES modules never fetch them.
 */
async function firstLoadJsGzip(base: string, html: string): Promise<number> {
  const srcs = [...html.matchAll(/<script([^>]*)>/g)]
    .filter((m) => !/\bnoModule\b/i.test(m[1]!))
    .map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])
    .filter((s): s is string => !!s);
  let total = 0;
  for (const src of new Set(srcs)) {
    const buf = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    total += zlib.gzipSync(buf, { level: 9 }).length;
  }
  return total;
}

async function lighthousePerformance(url: string): Promise<number | null> {
  try {
    const { default: lighthouse } = await import("lighthouse");
    const chromeLauncher = await import("chrome-launcher");
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      chromeFlags: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const result = await lighthouse(url, {
        port: chrome.port,
        onlyCategories: ["performance"],
        output: "json",
        logLevel: "error",
      });
      const score = result?.lhr.categories.performance?.score;
      return score == null ? null : Math.round(score * 100);
    } finally {
      await chrome.kill();
    }
  } catch (e) {
    console.error(`[bench] lighthouse failed: ${(e as Error).message}`);
    return null;
  }
}

/** Issue 2: the compare page served by `next start` against plain Node serving the same bytes, JS size, start time, Lighthouse. */
export async function benchComparePage(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Time to first 200 from `npm start` (build present), on a new embedded database and on a warm one.
  const dir = tempDataDir("start");
  const cold = await startServer("npx", ["tsx", "lib/cli/start.ts"], 3210, { DUMONT_DATA_DIR: dir });
  await cold.stop();
  const warm = await startServer("npx", ["tsx", "lib/cli/start.ts"], 3210, { DUMONT_DATA_DIR: dir });
  await warm.stop();
  rows.push(
    row({
      issue: "2",
      name: "npm start → first 200 (new embedded database)",
      value: cold.msToFirst200 / 1000,
      unit: "s",
    }),
  );
  rows.push(
    row({ issue: "2", name: "npm start → first 200 (existing database)", value: warm.msToFirst200 / 1000, unit: "s" }),
  );

  const next = await startServer(
    process.execPath,
    [NEXT, "start", "-p", "3211"],
    3211,
    { DUMONT_DATA_DIR: tempDataDir("rps") },
    "/compare",
  );
  try {
    const res = await fetch(`${next.url}/compare`);
    const html = Buffer.from(await res.arrayBuffer());
    const plain = await plainStaticServer(html, res.headers.get("content-type") ?? "text/html");
    try {
      // Warm both up, then measure one after the other with the same load.
      await load(`${next.url}/compare`, { seconds: 2 });
      await load(`${plain.url}/`, { seconds: 2 });
      const n = await load(`${next.url}/compare`);
      const p = await load(`${plain.url}/`);
      rows.push(
        row({
          issue: "2",
          name: "compare page, next start",
          value: Math.round(n.rps),
          unit: "req/s",
          versus: "plain Node static server, same bytes",
          versusValue: Math.round(p.rps),
          note: `p99 ${n.p99} ms vs ${p.p99} ms; aim 0.10-0.17 (prerendered)`,
        }),
      );
    } finally {
      await plain.close();
    }
    const js = await firstLoadJsGzip(next.url, html.toString("utf8"));
    rows.push(
      row({
        issue: "2",
        name: "compare page first-load JavaScript (gzip)",
        value: Math.round(js / 1024),
        unit: "KB",
        versus: "budget",
        versusValue: 150,
      }),
    );
    const lh = await lighthousePerformance(`${next.url}/compare`);
    if (lh !== null)
      rows.push(
        row({
          issue: "2",
          name: "Lighthouse performance, compare page",
          value: lh,
          unit: "score",
          versus: "aim",
          versusValue: 95,
        }),
      );
  } finally {
    await next.stop();
  }
  return rows;
}
