import "server-only";
import type { Db } from "@/db";
import { replaceCatalog } from "@/db/queries/catalog";
import { PROVIDERS } from "@/lib/catalog/data";

/** Loads the typed catalog (`lib/catalog/data.ts`) into the database; run at start-up after migrations. */
export async function syncCatalog(db: Db): Promise<number> {
  await replaceCatalog(db, PROVIDERS);
  return PROVIDERS.length;
}
