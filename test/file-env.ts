import crypto from "node:crypto";
import { afterAll, beforeAll } from "vitest";

/** Puts each variable back as it was (deleting those that were unset). */
export function restoreEnv(saved: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

/**
 * Sets variables for the whole test file (lib/env.ts reads them again once they change) and puts the
 * old values back after it, so one file's settings never leak into the next in the same worker.
 */
export function useFileEnv(vars: () => Record<string, string>): void {
  let saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    const next = vars();
    saved = Object.fromEntries(Object.keys(next).map((k) => [k, process.env[k]]));
    Object.assign(process.env, next);
  });
  afterAll(() => restoreEnv(saved));
}

/** A fresh sealing key for this file: sealed secrets in its test databases use it. */
export const useRandomSecretKey = (): void =>
  useFileEnv(() => ({ DUMONT_SECRET_KEY: crypto.randomBytes(32).toString("base64") }));
