import "server-only";
import { and, eq, getTableColumns, inArray, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { holdLease } from "./lease";

/**
 * A record that a job carries forward (a machine, a checkpoint operation, a setup run, a budget
 * action, a hibernation) is worked on by one worker at a time: the worker claims the row with a
 * short lease, renews it while it works, and releases or finishes it. A worker that dies stops
 * renewing; once its lease lapses a sweep hands the record to another worker or fails it.
 *
 * Two kinds of record:
 * - lease only (machines, hibernations): the row's status belongs to the work; an empty or lapsed
 *   lease means any worker may take it, and the worker empties the lease when it lets go;
 * - queued → running (`status`): a claim moves the row from queued to running, the lease column is
 *   also the deadline of a queued row, and the worker ends the row by finishing it.
 */
export interface LeasedTable<T extends PgTable> {
  table: T;
  id: PgColumn;
  /** Until when the row's worker may work on it undisturbed. */
  lease: PgColumn;
  leaseMs: number;
  renewMs: number;
  /** Names the record in the log ("machine", "operation"). */
  label: string;
  status?: {
    column: PgColumn;
    queued: string;
    running: string;
    /** When a queued row was asked for: one queued too long has lost its job. */
    queuedSince: PgColumn;
    /**
     * A running row whose lease lapsed may be claimed again: its work is safe to redo and must
     * still happen (a budget action is a hard cap). Otherwise the sweep fails it (a checkpoint is
     * not idempotent, so its outcome is reported unknown instead).
     */
    retakeLapsed: boolean;
    /** Finishing only ends a row still queued or running: a row the sweep already failed stays failed. */
    finishOnlyActive: boolean;
  };
  /** Rows never claimed whatever their lease (a destroyed machine). */
  claimable?: () => SQL | undefined;
  /** Set by each claim: to the claim's time, or, with keepFirst, only by the first claim. */
  startedAt?: { column: PgColumn; keepFirst?: boolean };
  /** Counts claims, so a record whose workers keep dying can be given up on. */
  attempts?: PgColumn;
}

export interface LeasedRecord<T extends PgTable> {
  readonly spec: LeasedTable<T>;
  /** Takes the row until `until` (by default a lease from `now`) unless another worker holds it; null when it cannot be taken. */
  claim(db: Db, id: string, now: Date, until?: Date): Promise<T["$inferSelect"] | null>;
  /** Extends the lease of a row still held: a renewal that arrives after the worker let go must not take it again. */
  renew(db: Db, id: string, until: Date): Promise<void>;
  /** Lets go of a lease-only row (queued → running rows are finished instead). */
  release(db: Db, id: string): Promise<void>;
  /** Writes the worker's final patch (see `status.finishOnlyActive`). */
  finish(db: Db, id: string, patch: PgUpdateSetSource<T>): Promise<T["$inferSelect"] | null>;
  /**
   * Claims the row, renews its lease every `renewMs` while `work` runs, then stops renewing and
   * (lease-only rows) releases it. Null when the row could not be claimed. `clock` dates the
   * renewals (a test's controlled clock stays consistent with its claims).
   */
  withLease<R>(
    db: Db,
    id: string,
    opts: { now?: Date; clock?: () => Date },
    work: (row: T["$inferSelect"]) => Promise<R>,
  ): Promise<{ row: T["$inferSelect"]; result: R } | null>;
  /**
   * Rows a worker should be on but none is: lease-only rows whose lease is free and that nobody
   * touched since `idleSince.before`; queued rows asked for before `queuedBefore`, and running
   * rows with a lapsed lease where those are taken again. The sweep sends their jobs again.
   */
  needingWork(
    db: Db,
    now: Date,
    opts: { where?: SQL; idleSince?: { column: PgColumn; before: Date }; queuedBefore?: Date; limit?: number },
  ): Promise<T["$inferSelect"][]>;
  /**
   * Ends queued or running rows whose lease lapsed at `now` with `set` (a failed status and what
   * happened): a running row's worker died; a queued row's lease is its deadline for being taken.
   */
  failLapsed(db: Db, now: Date, set: PgUpdateSetSource<T>, where?: SQL): Promise<T["$inferSelect"][]>;
}

/** Builds the claim, renew, release, finish and sweep statements of one leased table. */
export function leasedRecord<T extends PgTable>(spec: LeasedTable<T>): LeasedRecord<T> {
  type Row = T["$inferSelect"];
  const columns = Object.entries(getTableColumns(spec.table));
  const keyOf = (col: PgColumn): string => {
    const found = columns.find(([, c]) => c === col);
    if (!found) throw new Error(`${col.name} is not a column of the ${spec.label} table`);
    return found[0];
  };
  const st = spec.status;
  const leaseKey = keyOf(spec.lease);
  const active = () => (st ? inArray(st.column, [st.queued, st.running]) : undefined);
  const lapsed = (now: Date) => lt(spec.lease, now);
  const leaseFree = (now: Date) => or(isNull(spec.lease), lapsed(now));
  const takeable = (now: Date) =>
    st
      ? or(eq(st.column, st.queued), st.retakeLapsed ? and(eq(st.column, st.running), lapsed(now)) : undefined)
      : leaseFree(now);
  // Drizzle's builders are typed per table; these statements are built from the spec's columns.
  const update = (db: Db, set: Record<string, unknown>) => db.update(spec.table).set(set as PgUpdateSetSource<T>);

  const record: LeasedRecord<T> = {
    spec,

    async claim(db, id, now, until = new Date(now.getTime() + spec.leaseMs)) {
      const set: Record<string, unknown> = { [leaseKey]: until };
      if (st) set[keyOf(st.column)] = st.running;
      if (spec.startedAt)
        set[keyOf(spec.startedAt.column)] = spec.startedAt.keepFirst
          ? sql`coalesce(${spec.startedAt.column}, ${now.toISOString()}::timestamptz)`
          : now;
      if (spec.attempts) set[keyOf(spec.attempts)] = sql`${spec.attempts} + 1`;
      const rows = (await update(db, set)
        .where(and(eq(spec.id, id), takeable(now), spec.claimable?.()))
        .returning()) as Row[];
      return rows[0] ?? null;
    },

    async renew(db, id, until) {
      await update(db, { [leaseKey]: until }).where(
        and(eq(spec.id, id), st ? eq(st.column, st.running) : isNotNull(spec.lease)),
      );
    },

    async release(db, id) {
      if (st) throw new Error(`a ${spec.label} is finished, not released`);
      await update(db, { [leaseKey]: null }).where(eq(spec.id, id));
    },

    async finish(db, id, patch) {
      const rows = (await update(db, patch as Record<string, unknown>)
        .where(and(eq(spec.id, id), st?.finishOnlyActive ? active() : undefined))
        .returning()) as Row[];
      return rows[0] ?? null;
    },

    async withLease(db, id, opts, work) {
      const now = opts.now ?? new Date();
      const row = await record.claim(db, id, now);
      if (!row) return null;
      const clock = opts.clock ?? (() => new Date());
      const stop = holdLease((until) => record.renew(db, id, until), `${spec.label} ${id}`, {
        everyMs: spec.renewMs,
        until: () => new Date(clock().getTime() + spec.leaseMs),
      });
      try {
        return { row, result: await work(row) };
      } finally {
        stop();
        if (!st) await record.release(db, id);
      }
    },

    async needingWork(db, now, opts) {
      let lost: SQL | undefined;
      if (st) {
        const queued = opts.queuedBefore
          ? and(eq(st.column, st.queued), lt(st.queuedSince, opts.queuedBefore))
          : undefined;
        lost = or(queued, st.retakeLapsed ? and(eq(st.column, st.running), lapsed(now)) : undefined);
        // Neither kind asked for: nothing is lost (an empty condition would select every row).
        if (!lost) return [];
      } else {
        lost = and(leaseFree(now), opts.idleSince ? lt(opts.idleSince.column, opts.idleSince.before) : undefined);
      }
      const query = db
        .select()
        .from(spec.table as PgTable)
        .where(and(lost, opts.where));
      return (await (opts.limit ? query.limit(opts.limit) : query)) as Row[];
    },

    async failLapsed(db, now, set, where) {
      if (!st) throw new Error(`a ${spec.label} is taken again when its lease lapses, never failed by the sweep`);
      return (await update(db, set as Record<string, unknown>)
        .where(and(active(), lapsed(now), where))
        .returning()) as Row[];
    },
  };
  return record;
}
