import { onEachDriver } from "./scratch-db";
import { timeIt } from "./timing";
import { row, type BenchRow } from "./types";

// Issue 5: the month-summary query and the Spending page's server time with one user owning 1,000
// machines and 1,000,000 usage intervals, on Postgres and on PGlite. Needs the react-server
// condition for the app's server modules (tsx --conditions=react-server), like `npm run worker`.

const MACHINES = 1_000;
const PER_MACHINE = 1_000;
/** A year of contiguous intervals per machine: 8.76 h each, so ~40 of each machine's fall in a month. */
const SPAN_MS = 365 * 86_400_000;
const STEP_MS = SPAN_MS / PER_MACHINE;
const RUNS = 7;

/**
 * Seeds with generate_series in SQL: machines spread over five providers and three granularities;
 * every other interval stopped (at a tenth of the rate); the last interval of four machines in five
 * still open (running or stopped), the fifth destroyed. Timestamps are whole milliseconds, as the
 * app writes them.
 */
async function seed(exec: (sql: string) => Promise<unknown>, userId: string, now: Date) {
  const base = Math.floor((now.getTime() - SPAN_MS) / 1000) * 1000;
  const providers = "array['tensordock','vastai','runpod','lambda','hostkey']";
  await exec(`insert into users (id, email, password_hash) values ('${userId}', '${userId}@bench.example', 'x')`);
  await exec(`
    insert into machines (id, user_id, name, provider, gpu_model, status, price_per_hour_micros, stopped_price_per_hour_micros, billing_granularity, created_at, updated_at)
    select 'bm-' || m, '${userId}', 'bench-' || m, (${providers})[1 + m % 5], 'RTX 4090',
      case when m % 5 = 0 then 'destroyed' when ${PER_MACHINE - 1} % 2 = 0 then 'running' else 'stopped' end,
      500000 + (m % 7) * 100000, 50000, (array['second','minute','hour'])[1 + m % 3],
      to_timestamp(${base} / 1000.0), to_timestamp(${base} / 1000.0)
    from generate_series(0, ${MACHINES - 1}) m`);
  await exec(`
    insert into usage_intervals (id, user_id, machine_id, provider, state, rate_per_hour_micros, granularity, started_at, ended_at)
    select 'bi-' || m || '-' || k, '${userId}', 'bm-' || m, (${providers})[1 + m % 5],
      case when k % 2 = 0 then 'running' else 'stopped' end,
      case when k % 2 = 0 then 500000 + (m % 7) * 100000 else 50000 end,
      (array['second','minute','hour'])[1 + m % 3],
      to_timestamp((${base} + k * ${STEP_MS}::bigint) / 1000.0),
      case when k = ${PER_MACHINE - 1} and m % 5 <> 0 then null else to_timestamp((${base} + (k + 1) * ${STEP_MS}::bigint - 1000) / 1000.0) end
    from generate_series(0, ${MACHINES - 1}) m, generate_series(0, ${PER_MACHINE - 1}) k`);
  await exec("analyze usage_intervals; analyze machines");
}

async function measure(driver: "postgres" | "pglite", rows: BenchRow[]) {
  const { getDb, getHandle, closeDb } = await import("@/db");
  const { migrate } = await import("@/db/migrate");
  const { getSpendingSummary, getSpendingPage } = await import("@/lib/spending/read-spending");
  const { thisMonth } = await import("@/lib/spending/periods");
  await getHandle();
  await migrate();
  const h = await getHandle();
  const db = await getDb();
  const userId = `bench-${Date.now().toString(36)}`;
  const now = new Date();
  const t0 = performance.now();
  await seed((s) => h.exec(s), userId, now);
  const seedS = (performance.now() - t0) / 1000;
  const month = thisMonth(now);
  const summaryMs = await timeIt(() => getSpendingSummary(db, userId, month, now), RUNS);
  const pageMs = await timeIt(() => getSpendingPage(db, userId, month, now, { charges: async () => new Map() }), 5);
  // The chart's longest common view: the last 365 days, day-aligned as the range picker sends it.
  const tomorrow = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000 + 86_400_000);
  const year = { from: new Date(tomorrow.getTime() - 365 * 86_400_000), to: tomorrow };
  const yearMs = await timeIt(() => getSpendingPage(db, userId, year, now, { charges: async () => new Map() }), 3);
  const label = driver === "postgres" ? "Postgres" : "PGlite";
  const note = `1 user, ${MACHINES} machines, ${(MACHINES * PER_MACHINE).toLocaleString("en-US")} intervals (seeded in ${seedS.toFixed(0)} s); median of ${RUNS}`;
  rows.push(
    row({
      issue: "5",
      name: `month summary query, ${label}`,
      value: Math.round(summaryMs * 10) / 10,
      unit: "ms",
      versus: "aim",
      versusValue: 100,
      note,
    }),
  );
  rows.push(
    row({
      issue: "5",
      name: `Spending page server time, ${label}`,
      value: Math.round(pageMs * 10) / 10,
      unit: "ms",
      note: "getSpendingPage: summary, daily chart series, stopped machines, truth checks",
    }),
  );
  rows.push(
    row({
      issue: "5",
      name: `Spending page server time, 365-day range, ${label}`,
      value: Math.round(yearMs * 10) / 10,
      unit: "ms",
      note: "the same page with a year of daily bars (every interval in range); median of 3",
    }),
  );
  await closeDb();
}

export async function benchSpending(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await onEachDriver("sp", (driver) => measure(driver, rows));
  return rows;
}
