import { DAY_MS } from "@/lib/costing";
import { DomainError } from "@/lib/errors";

// Every day and month here is a UTC calendar day or month, whatever the server's or the browser's
// time zone: the page says so, and a day's cost never depends on where it is read.

/** The longest range the daily chart and the API accept (a little over a year of daily bars). */
export const MAX_RANGE_DAYS = 400;

export const dayStartUtc = (d: Date): Date => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
export const monthStartUtc = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
export const nextMonthStartUtc = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
/** "2026-11": the key that makes a monthly alert fire once per month. */
export const periodKey = (d: Date): string => d.toISOString().slice(0, 7);
/** "2026-11-03" */
export const isoDay = (d: Date | number): string => new Date(d).toISOString().slice(0, 10);

export interface Range {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export const thisMonth = (now: Date): Range => ({ from: monthStartUtc(now), to: nextMonthStartUtc(now) });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date ("2026-11-03", a whole UTC day) or an ISO date-time; null when it is neither. */
function parseBound(v: string, end: boolean): Date | null {
  const s = v.trim();
  if (DATE_ONLY.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || isoDay(d) !== s) return null;
    // An end date names the last day included: the range runs to the start of the next day.
    return end ? new Date(d.getTime() + DAY_MS) : d;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The range asked for by `from` and `to` (dates, `to` included, or ISO date-times, `to` excluded);
 * this UTC month when both are absent. Throws a DomainError naming the field for anything else.
 */
export function parseRange(from: string | null | undefined, to: string | null | undefined, now: Date): Range {
  const def = thisMonth(now);
  const f = from ? parseBound(from, false) : def.from;
  const t = to ? parseBound(to, true) : from && f ? new Date(Math.max(f.getTime() + DAY_MS, def.to.getTime())) : def.to;
  if (!f)
    throw new DomainError("invalid", "from is not a date (use YYYY-MM-DD or an ISO date-time).", {
      from: "Use a date like 2026-11-01.",
    });
  if (!t)
    throw new DomainError("invalid", "to is not a date (use YYYY-MM-DD or an ISO date-time).", {
      to: "Use a date like 2026-11-30.",
    });
  if (t.getTime() <= f.getTime())
    throw new DomainError("invalid", "The end of the range is before its start.", {
      to: "Pick an end date on or after the start date.",
    });
  if (t.getTime() - f.getTime() > MAX_RANGE_DAYS * DAY_MS)
    throw new DomainError("invalid", `The range is longer than ${MAX_RANGE_DAYS} days.`, {
      to: `Pick a range of at most ${MAX_RANGE_DAYS} days.`,
    });
  return { from: f, to: t };
}
