import "server-only";
import type { Db } from "@/db";
import { intervalPage, type IntervalPageRow } from "@/db/queries/spending";
import { fullCost } from "@/lib/costing";

export const CSV_HEADER =
  "interval_id,machine_id,machine_name,provider,state,rate_per_hour_micros,granularity,started_at,ended_at,cost_micros\n";

/** RFC 4180: quote a field holding a comma, quote or newline; a leading =+-@ is defused for spreadsheets. */
export function csvField(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(r: IntervalPageRow, now: Date): string {
  return `${[
    r.id,
    r.machineId,
    r.machineName,
    r.provider,
    r.state,
    r.ratePerHourMicros,
    r.granularity,
    r.startedAt.toISOString(),
    r.endedAt?.toISOString() ?? null,
    fullCost(r, now.getTime()),
  ]
    .map(csvField)
    .join(",")}\n`;
}

/**
 * The user's intervals as CSV, one keyset page per pull: the browser's download pace drives the
 * queries (back-pressure), and only one page is in memory at a time, however many rows there are.
 */
export function intervalsCsvStream(
  db: Db,
  userId: string,
  opts: { pageSize?: number; now?: Date } = {},
): ReadableStream<Uint8Array> {
  const pageSize = opts.pageSize ?? 5_000;
  const now = opts.now ?? new Date();
  const enc = new TextEncoder();
  let after: { startedAt: Date; id: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(enc.encode(CSV_HEADER));
          return;
        }
        const rows = await intervalPage(db, userId, after, pageSize);
        if (rows.length) controller.enqueue(enc.encode(rows.map((r) => csvRow(r, now)).join("")));
        if (rows.length < pageSize) return controller.close();
        const last = rows.at(-1)!;
        after = { startedAt: last.startedAt, id: last.id };
      } catch (e) {
        console.error("[spending:csv]", e instanceof Error ? e.message : e);
        controller.error(new Error("The export failed part-way; try again."));
      }
    },
  });
}

/** Keyset cursor for the JSON pages: opaque to clients, "<started_at ms>.<id>" inside. */
export const encodeCursor = (r: { startedAt: Date; id: string }) =>
  Buffer.from(`${r.startedAt.getTime()}.${r.id}`).toString("base64url");

export function decodeCursor(c: string): { startedAt: Date; id: string } | null {
  const s = Buffer.from(c, "base64url").toString("utf8");
  const dot = s.indexOf(".");
  const ms = Number(s.slice(0, dot));
  const id = s.slice(dot + 1);
  // Ids are ours (UUIDs and the like): anything else was not a cursor we issued (and a NUL would
  // reach Postgres as an error, not a 400).
  if (dot <= 0 || !Number.isSafeInteger(ms) || ms < 0 || !/^[\w-]{1,100}$/.test(id)) return null;
  return { startedAt: new Date(ms), id };
}
