import { bigint, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at } from "./columns";

/**
 * Today's prices read from the providers' own APIs (lib/live-prices): per provider and GPU model, the
 * lowest price per GPU-hour among the offers listed at fetchedAt, and how many offers there were.
 * A provider's rows are replaced only by a successful read, so a failed one leaves the older figures
 * (and their older fetchedAt) in place.
 */
export const livePrices = pgTable(
  "live_prices",
  {
    provider: text("provider").notNull(),
    /** The catalog's model name ("H100") or, for a GPU outside the catalog, the provider's own name. */
    gpuModel: text("gpu_model").notNull(),
    /** An offer's whole hourly price (every billed part, at its listed disk) divided by its GPU count; micro-dollars. */
    minPerGpuHourMicros: bigint("min_per_gpu_hour_micros", { mode: "number" }).notNull(),
    offerCount: integer("offer_count").notNull(),
    fetchedAt: at("fetched_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.gpuModel] })],
);

/** The last refresh of each provider: when it was tried, how it ended, and how the prices were read. */
export const livePriceSources = pgTable("live_price_sources", {
  provider: text("provider").primaryKey(),
  /** "ok", "failed" (the call failed; older prices stay) or "no-key" (needs a stored key; none usable). */
  status: text("status").notNull(),
  /** How the last successful read was made: "public", "stored-key" or "sandbox". */
  via: text("via"),
  attemptedAt: at("attempted_at").notNull(),
  succeededAt: at("succeeded_at"),
  /** The last failure's message, for operators; never sent to browsers. */
  error: text("error"),
});
