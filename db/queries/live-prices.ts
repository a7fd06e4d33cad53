import "server-only";
import { and, asc, desc, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "../index";
import { livePrices, livePriceSources, providerCredentials } from "../schema";

// Prices are public data: these queries have no user filter on purpose. The one query that touches
// provider keys (storedKeyOwners) returns user ids only, for the refresh to unseal one key server-side.

export interface LivePriceInput {
  gpuModel: string;
  minPerGpuHourMicros: number;
  offerCount: number;
}

export type LivePriceVia = "public" | "stored-key" | "sandbox";
export type LivePriceStatus = "ok" | "failed" | "no-key";

/**
 * A successful read: the provider's rows become exactly `rows`, all fetched at `fetchedAt` (a model no
 * longer listed loses its row), and its source row says "ok". One transaction, so a reader never sees
 * the provider half replaced.
 */
export async function replaceLivePrices(
  db: Db,
  provider: string,
  rows: LivePriceInput[],
  fetchedAt: Date,
  via: LivePriceVia,
): Promise<void> {
  for (const r of rows) {
    // A zero or negative price would read as "free": a bug upstream, never something to store.
    if (
      !Number.isInteger(r.minPerGpuHourMicros) ||
      r.minPerGpuHourMicros <= 0 ||
      !Number.isInteger(r.offerCount) ||
      r.offerCount <= 0
    )
      throw new Error(`live price for ${provider} ${r.gpuModel} is not a positive integer price with offers`);
  }
  await db.transaction(async (tx) => {
    // Upsert rather than delete-then-insert: two refreshes at once (two processes' slots) must not
    // trip over each other's freshly inserted keys.
    const models = rows.map((r) => r.gpuModel);
    await tx
      .delete(livePrices)
      .where(
        models.length
          ? and(eq(livePrices.provider, provider), notInArray(livePrices.gpuModel, models))
          : eq(livePrices.provider, provider),
      );
    if (rows.length)
      await tx
        .insert(livePrices)
        .values(rows.map((r) => ({ provider, ...r, fetchedAt })))
        .onConflictDoUpdate({
          target: [livePrices.provider, livePrices.gpuModel],
          set: {
            minPerGpuHourMicros: sql`excluded.min_per_gpu_hour_micros`,
            offerCount: sql`excluded.offer_count`,
            fetchedAt: sql`excluded.fetched_at`,
          },
        });
    await tx
      .insert(livePriceSources)
      .values({ provider, status: "ok", via, attemptedAt: fetchedAt, succeededAt: fetchedAt, error: null })
      .onConflictDoUpdate({
        target: livePriceSources.provider,
        set: { status: "ok", via, attemptedAt: fetchedAt, succeededAt: fetchedAt, error: null },
      });
  });
}

/** A read that did not happen or failed: only the source row changes; the stored prices stay as they were. */
export async function recordLivePriceMiss(
  db: Db,
  provider: string,
  status: Exclude<LivePriceStatus, "ok">,
  at: Date,
  error: string | null,
): Promise<void> {
  await db
    .insert(livePriceSources)
    .values({ provider, status, attemptedAt: at, error })
    .onConflictDoUpdate({ target: livePriceSources.provider, set: { status, attemptedAt: at, error } });
}

export interface StoredLivePrice {
  provider: string;
  gpuModel: string;
  minPerGpuHourMicros: number;
  offerCount: number;
  fetchedAt: Date;
  /** The provider's last attempt did not succeed, so this figure is older than the last refresh. */
  stale: boolean;
}

export async function listLivePrices(db: Db): Promise<StoredLivePrice[]> {
  const rows = await db
    .select({
      provider: livePrices.provider,
      gpuModel: livePrices.gpuModel,
      minPerGpuHourMicros: livePrices.minPerGpuHourMicros,
      offerCount: livePrices.offerCount,
      fetchedAt: livePrices.fetchedAt,
      status: livePriceSources.status,
    })
    .from(livePrices)
    .leftJoin(livePriceSources, eq(livePriceSources.provider, livePrices.provider))
    .orderBy(asc(livePrices.provider), asc(livePrices.gpuModel));
  return rows.map(({ status, ...r }) => ({ ...r, stale: status !== null && status !== "ok" }));
}

export async function listLivePriceSources(db: Db) {
  return db
    .select({
      provider: livePriceSources.provider,
      status: livePriceSources.status,
      via: livePriceSources.via,
      attemptedAt: livePriceSources.attemptedAt,
      succeededAt: livePriceSources.succeededAt,
      error: livePriceSources.error,
    })
    .from(livePriceSources)
    .orderBy(asc(livePriceSources.provider));
}

/** When any process last tried a refresh; null before the first one. */
export async function lastLivePriceAttempt(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | Date | null>`max(${livePriceSources.attemptedAt})` })
    .from(livePriceSources);
  return row?.at ? new Date(row.at) : null;
}

/** Users who stored a key for the provider, newest key first (ids only; the caller unseals one). */
export async function storedKeyOwners(db: Db, provider: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ userId: providerCredentials.userId })
    .from(providerCredentials)
    .where(eq(providerCredentials.provider, provider))
    .orderBy(desc(providerCredentials.createdAt))
    .limit(limit);
  return rows.map((r) => r.userId);
}
