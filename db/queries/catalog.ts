import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../index";
import { catalogPrices, catalogProviders } from "../schema";
import type { ProviderEntry } from "@/lib/catalog/types";

// The catalog is public data: these queries have no user filter on purpose.

/** Replaces the stored catalog with `entries` in one transaction (idempotent; run at every start). */
export async function replaceCatalog(db: Db, entries: ProviderEntry[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(catalogPrices);
    await tx.delete(catalogProviders);
    if (entries.length === 0) return;
    await tx.insert(catalogProviders).values(
      entries.map((p, position) => ({
        slug: p.slug,
        name: p.name,
        checkpointSupport: p.checkpoint.support,
        headlineH100Micros: p.headlineH100.minMicros,
        billingGranularity: p.billing.granularity,
        canStop: p.paused.canStop,
        position,
        entry: p,
      })),
    );
    const prices = entries.flatMap((p) =>
      p.prices.map((x) => ({
        providerSlug: p.slug,
        gpu: x.gpu,
        vram: x.vram,
        minMicros: x.minMicros,
        maxMicros: x.maxMicros,
        approximate: x.approximate,
        sourceLabel: x.source.label,
        sourceDate: x.source.date ?? null,
      })),
    );
    if (prices.length) await tx.insert(catalogPrices).values(prices);
  });
}

export async function listCatalog(db: Db): Promise<ProviderEntry[]> {
  const rows = await db
    .select({ entry: catalogProviders.entry })
    .from(catalogProviders)
    .orderBy(asc(catalogProviders.position));
  return rows.map((r) => r.entry);
}

export async function getCatalogProvider(db: Db, slug: string): Promise<ProviderEntry | null> {
  const [row] = await db
    .select({ entry: catalogProviders.entry })
    .from(catalogProviders)
    .where(eq(catalogProviders.slug, slug));
  return row?.entry ?? null;
}

/** Cheapest stored price per GPU model across providers (used by the API and tests). */
export async function cheapestPrices(db: Db): Promise<{ gpu: string; minMicros: number }[]> {
  return db
    .select({ gpu: catalogPrices.gpu, minMicros: sql<number>`min(${catalogPrices.minMicros})`.mapWith(Number) })
    .from(catalogPrices)
    .groupBy(catalogPrices.gpu)
    .orderBy(asc(catalogPrices.gpu));
}
