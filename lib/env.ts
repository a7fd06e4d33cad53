import path from "node:path";

// The one place that reads process.env for server configuration. Read lazily so that
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
  /** 32 bytes (base64 or hex) that seal provider keys and SSH private keys; absent → generated into dataDir. */
  get secretKey(): string | undefined {
    return process.env.DUMONT_SECRET_KEY?.trim() || undefined;
  },
  /** Set by the app when the local provider simulator is on: nothing real is billed. */
  get sandboxUrl(): string | undefined {
    return process.env.DUMONT_SANDBOX_URL?.trim() || undefined;
  },
  /** Set by the app with the sandbox: its local S3 server, where hibernation images go until a user adds a bucket. */
  get sandboxS3Url(): string | undefined {
    return process.env.DUMONT_SANDBOX_S3_URL?.trim() || undefined;
  },
  /** Where the site is served, for absolute links in link previews (the og image); default localhost:3000. */
  get publicUrl(): string {
    return process.env.DUMONT_PUBLIC_URL?.trim() || "http://localhost:3000";
  },
  get nodeEnv(): string {
    return process.env.NODE_ENV ?? "development";
  },
};

export type DatabaseKind = "pglite" | "postgres";
export const databaseKind = (): DatabaseKind => (env.databaseUrl ? "postgres" : "pglite");

/**
 * The sandbox (a local simulator of the five provider APIs) is on by default in embedded mode and off
 * with DATABASE_URL; DUMONT_SANDBOX=1 or 0 forces it. Nothing real is billed while it is on.
 */
export const sandboxEnabled = (): boolean => {
  const v = process.env.DUMONT_SANDBOX?.trim();
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return !env.databaseUrl;
};

/** Per-try timeout of provider API calls in ms (default: the clients' own 20 s). The fault suite shortens it. */
export const providerTimeoutMs = (): number | undefined => Number(process.env.DUMONT_PROVIDER_TIMEOUT_MS) || undefined;
