import path from "node:path";

// The one place that reads process.env for server configuration (style-anchors §7). Read lazily so that
// tests and scripts can set variables before first use.
export const env = {
  /** Absent → the embedded PGlite database in `.data/`. */
  get databaseUrl(): string | undefined {
    return process.env.DATABASE_URL?.trim() || undefined;
  },
  /** Where embedded data lives (PGlite files, generated secrets). */
  get dataDir(): string {
    return path.resolve(/*turbopackIgnore: true*/ process.env.DUMONT_DATA_DIR?.trim() || path.join(process.cwd(), ".data"));
  },
  get authSecret(): string | undefined {
    return process.env.AUTH_SECRET?.trim() || undefined;
  },
  get nodeEnv(): string {
    return process.env.NODE_ENV ?? "development";
  },
};

export type DatabaseKind = "pglite" | "postgres";
export const databaseKind = (): DatabaseKind => (env.databaseUrl ? "postgres" : "pglite");
