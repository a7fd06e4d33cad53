import { pgTable, text, bigint, boolean, jsonb, integer, primaryKey } from "drizzle-orm/pg-core";
import type { ProviderEntry } from "@/lib/catalog/types";
import { at } from "./columns";

/** One row per provider; `entry` holds the whole typed catalog entry (evidence, pros, cons, sources). */
export const catalogProviders = pgTable("catalog_providers", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  checkpointSupport: text("checkpoint_support").notNull(),
  headlineH100Micros: bigint("headline_h100_micros", { mode: "number" }).notNull(),
  billingGranularity: text("billing_granularity").notNull(),
  canStop: boolean("can_stop"),
  position: integer("position").notNull(),
  entry: jsonb("entry").$type<ProviderEntry>().notNull(),
  syncedAt: at("synced_at").notNull().defaultNow(),
});

/** Per-GPU hourly prices, one row per provider × GPU × VRAM, each with its source and date. */
export const catalogPrices = pgTable(
  "catalog_prices",
  {
    providerSlug: text("provider_slug")
      .notNull()
      .references(() => catalogProviders.slug, { onDelete: "cascade" }),
    gpu: text("gpu").notNull(),
    vram: text("vram").notNull(),
    minMicros: bigint("min_micros", { mode: "number" }).notNull(),
    maxMicros: bigint("max_micros", { mode: "number" }),
    approximate: boolean("approximate").notNull(),
    sourceLabel: text("source_label").notNull(),
    sourceDate: text("source_date"),
  },
  (t) => [primaryKey({ columns: [t.providerSlug, t.gpu, t.vram] })],
);
