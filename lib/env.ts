import path from "node:path";
import { z } from "zod";
import { PROVIDER_SLUGS, type ProviderSlug } from "@/lib/provider-slugs";

// The server's configuration: every variable it reads from the environment, validated with zod in
// one place (.env.example documents them). Nothing else in the app reads process.env.
//
// getEnv() reads the variables on every call and parses them again only when one of them changed:
// tests and scripts set variables before first use and between tests (a secret key, a provider URL
// aimed at a dead port, a data folder), and must see them without a reset step, while a running
// server, whose environment does not change, parses once. Start-up calls it first (instrumentation.ts,
// boot), so a wrong value stops the process with EnvError's message before anything else happens.

/** The name of the variable that overrides a provider's API base URL. */
export const baseUrlEnvName = <P extends ProviderSlug>(provider: P) =>
  `DUMONT_${provider.toUpperCase() as Uppercase<P>}_API_URL` as const;
type ProviderUrlVar = ReturnType<typeof baseUrlEnvName<ProviderSlug>>;

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
};
const httpUrl = (message: string) => z.string().refine(isHttpUrl, message).optional();
/** A whole number within [min, max], given as digits. */
const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)
    .optional();
/** 1/true or 0/false, as the sandbox switch always accepted; anything else is a mistake worth stopping for. */
const flag = (message: string) =>
  z
    .string()
    .transform((v) => v.toLowerCase())
    .refine((v) => ["1", "true", "0", "false"].includes(v), message)
    .transform((v) => v === "1" || v === "true")
    .optional();

const providerUrlFields = Object.fromEntries(
  PROVIDER_SLUGS.map((p) => [
    baseUrlEnvName(p),
    httpUrl(
      "must be the http(s) base URL of that provider's API (or of a sandbox serving it); unset it for the real endpoint.",
    ),
  ]),
) as Record<ProviderUrlVar, ReturnType<typeof httpUrl>>;

// Each message says what the value must be and how to fix it; none repeats the value (some are secrets).
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//i,
      "must be a Postgres connection URL such as postgres://user:password@127.0.0.1:5432/dumont; unset it for the embedded database in DUMONT_DATA_DIR.",
    )
    .optional(),
  DUMONT_DB_POOL: wholeNumber(
    1,
    Number.MAX_SAFE_INTEGER,
    "must be a whole number of Postgres connections per process, e.g. DUMONT_DB_POOL=10; unset it for the default 10.",
  ),
  DUMONT_DATA_DIR: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  // Its format (32 bytes as hex or base64) is checked by lib/crypto/secret-key.ts, whose error says
  // how to generate one; boot() checks it right after this.
  DUMONT_SECRET_KEY: z.string().optional(),
  DUMONT_PUBLIC_URL: httpUrl(
    "must be the http(s) address where the site is served, e.g. DUMONT_PUBLIC_URL=https://dumont.example.com; unset it for http://localhost:3000.",
  ),
  DUMONT_SANDBOX: flag(
    "must be 1 (simulated clouds on) or 0 (off); unset it for the default: on without DATABASE_URL, off with it.",
  ),
  DUMONT_SANDBOX_URL: httpUrl(
    "must be the http(s) URL of a running sandbox (npx tsx sandbox/main.ts prints it), e.g. DUMONT_SANDBOX_URL=http://127.0.0.1:4010; unset it to start one in this process.",
  ),
  DUMONT_SANDBOX_S3_URL: httpUrl(
    "must be the http(s) URL of a running sandbox S3 server, e.g. DUMONT_SANDBOX_S3_URL=http://127.0.0.1:4569; unset it to start one with the sandbox.",
  ),
  DUMONT_SANDBOX_PORT: wholeNumber(
    0,
    65535,
    "must be a TCP port (0 to 65535; 0 picks a free one), e.g. DUMONT_SANDBOX_PORT=4010; unset it for any free port.",
  ),
  DUMONT_SANDBOX_FAULTS: z
    .string()
    // The form only: the simulator, which owns the fault names, refuses an unknown one when it starts.
    .refine(
      (v) =>
        v
          .split(",")
          .filter((part) => part.trim())
          .every((part) => /^\s*[A-Za-z0-9]+\s*=\s*\S+\s*$/.test(part) && Number.isFinite(Number(part.split("=")[1]))),
      "must be comma-separated name=number pairs, e.g. DUMONT_SANDBOX_FAULTS=error=0.2,429=0.1,timeout=0.05,lost=0.1,bootMs=3000; unset it for no faults.",
    )
    .optional(),
  ...providerUrlFields,
  DUMONT_PROVIDER_TIMEOUT_MS: wholeNumber(
    1,
    Number.MAX_SAFE_INTEGER,
    "must be a whole number of milliseconds of 1 or more, e.g. DUMONT_PROVIDER_TIMEOUT_MS=20000; unset it for the clients' default (20 s).",
  ),
  DUMONT_WORKERS: flag(
    "must be 1 (job workers run in the web process) or 0 (leave them to `npm run worker`); unset it for 1.",
  ),
  DUMONT_TRUST_PROXY: flag(
    "must be 1 (a reverse proxy in front appends the client's address to X-Forwarded-For) or 0; unset it for 0.",
  ),
  DUMONT_SIGNUPS_PER_ADDRESS: wholeNumber(
    1,
    Number.MAX_SAFE_INTEGER,
    "must be a whole number of 1 or more (accounts one address may create per 15 minutes), e.g. DUMONT_SIGNUPS_PER_ADDRESS=10; unset it for 10.",
  ),
  NODE_ENV: z.string().optional(),
});

const VARS = Object.keys(schema.shape) as (keyof z.input<typeof schema>)[];

export interface Env {
  nodeEnv: string;
  /** Absent → the embedded PGlite database in `dataDir`. */
  databaseUrl?: string;
  /** Connections of the Postgres pool per process. */
  dbPoolSize: number;
  /** Where embedded data lives (PGlite files, generated secrets, sandbox machines and S3). */
  dataDir: string;
  authSecret?: string;
  /** 32 bytes (base64 or hex) that seal provider keys and SSH private keys; absent → generated into dataDir. */
  secretKey?: string;
  /** Where the site is served, for absolute links in link previews (the og image). */
  publicUrl: string;
  sandbox: {
    /**
     * Whether this process starts the simulated clouds when no running sandbox is named: on by default
     * in embedded mode, off with DATABASE_URL; DUMONT_SANDBOX=1 or 0 forces it.
     */
    enabled: boolean;
    /** A sandbox started elsewhere that this process uses instead of its own (several processes share one). */
    url?: string;
    /** A sandbox S3 server started elsewhere, for hibernation images. */
    s3Url?: string;
    /** Port of the sandbox this process starts (absent: any free port). */
    port?: number;
    /** Fault settings of the sandbox this process starts, as the sandbox parses them. */
    faults?: string;
  };
  /** DUMONT_<PROVIDER>_API_URL overrides; a provider absent here uses the sandbox's API or the real one. */
  providerApiUrls: Partial<Record<ProviderSlug, string>>;
  /** Per-try timeout of provider API calls in ms (absent: the clients' own 20 s). The fault suite shortens it. */
  providerTimeoutMs?: number;
  /** Whether the web process runs the job workers itself. */
  workersInProcess: boolean;
  /** A reverse proxy in front appends the client's address to X-Forwarded-For. */
  trustProxy: boolean;
  /** Accounts one address may create per window before new ones wait. */
  signUpsPerAddress: number;
}

/** Thrown by getEnv() when variables are wrong; the message names each one and how to fix it. */
export class EnvError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(
      `Invalid configuration: ${problems.length === 1 ? "an environment variable is" : `${problems.length} environment variables are`} wrong.\n` +
        problems.map((p) => `  ${p.variable} ${p.problem}`).join("\n") +
        "\n(.env.example describes every variable.)",
    );
    this.name = "EnvError";
  }
}

/** The variables as set: trimmed, and an empty value counts as unset (as a shell's `VAR=` means). */
function readRaw(): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const name of VARS) raw[name] = process.env[name]?.trim() || undefined;
  return raw;
}

function parse(raw: Record<string, string | undefined>): Env {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const problems = new Map<string, string>();
    for (const issue of r.error.issues) {
      const variable = String(issue.path[0] ?? "environment");
      if (!problems.has(variable)) problems.set(variable, issue.message);
    }
    throw new EnvError([...problems].map(([variable, problem]) => ({ variable, problem })));
  }
  const v = r.data;
  const providerApiUrls: Partial<Record<ProviderSlug, string>> = {};
  for (const p of PROVIDER_SLUGS) {
    const url = v[baseUrlEnvName(p)];
    if (url) providerApiUrls[p] = url;
  }
  return {
    nodeEnv: v.NODE_ENV ?? "development",
    databaseUrl: v.DATABASE_URL,
    dbPoolSize: v.DUMONT_DB_POOL ?? 10,
    dataDir: path.resolve(/*turbopackIgnore: true*/ v.DUMONT_DATA_DIR || path.join(process.cwd(), ".data")),
    authSecret: v.AUTH_SECRET,
    secretKey: v.DUMONT_SECRET_KEY,
    publicUrl: v.DUMONT_PUBLIC_URL ?? "http://localhost:3000",
    sandbox: {
      enabled: v.DUMONT_SANDBOX ?? !v.DATABASE_URL,
      url: v.DUMONT_SANDBOX_URL,
      s3Url: v.DUMONT_SANDBOX_S3_URL,
      port: v.DUMONT_SANDBOX_PORT,
      faults: v.DUMONT_SANDBOX_FAULTS,
    },
    providerApiUrls,
    providerTimeoutMs: v.DUMONT_PROVIDER_TIMEOUT_MS,
    workersInProcess: v.DUMONT_WORKERS ?? true,
    trustProxy: v.DUMONT_TRUST_PROXY ?? false,
    signUpsPerAddress: v.DUMONT_SIGNUPS_PER_ADDRESS ?? 10,
  };
}

let last: { key: string; env: Env } | undefined;

/** The validated configuration (see the top of this file for when it is read). Throws EnvError. */
export function getEnv(): Env {
  const raw = readRaw();
  // The working directory is part of the key: the default data folder is relative to it.
  const key = JSON.stringify([process.cwd(), VARS.map((k) => raw[k] ?? null)]);
  if (last?.key === key) return last.env;
  const env = Object.freeze(parse(raw));
  last = { key, env };
  return env;
}

export type DatabaseKind = "pglite" | "postgres";
export const databaseKind = (): DatabaseKind => (getEnv().databaseUrl ? "postgres" : "pglite");

/**
 * Whether Next.js is building (it loads instrumentation then too). Read on its own, without
 * validating the rest: a build does not use the server's configuration.
 */
export const isBuildPhase = (): boolean => process.env.NEXT_PHASE === "phase-production-build";

/**
 * The environment a child process inherits (PATH, HOME, locale...) with overrides. Not configuration,
 * so not validated: the child gets exactly what this process was given.
 */
export const inheritedEnv = (overrides: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  ...overrides,
});
