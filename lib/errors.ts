import type { ZodError } from "zod";

// Typed domain errors with a code and a message a person can act on. Actions and route handlers show
// `message` for these, and a generic message (plus a server log) for anything else.

export type DomainErrorCode =
  | "invalid"
  | "not_found"
  | "conflict"
  | "no_key"
  | "provider"
  | "forbidden"
  | "rate_limited"
  | "unavailable";

/** One message per form field or request property at fault. */
export type FieldErrors = Partial<Record<string, string>>;

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
    public readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  no_key: 409,
  provider: 502,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
};

/** zod issues → one message per field, the first one wins. */
export function fieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const k = String(issue.path[0] ?? "form");
    out[k] ??= issue.message;
  }
  return out;
}

/** Input that failed its schema, as the domain error every caller maps one way. */
export function invalidInput(error: ZodError, message = "Some fields need attention."): DomainError {
  return new DomainError("invalid", message, fieldErrors(error));
}

/** The user-facing message for any error; unknown ones are logged without their details reaching the user. */
export function publicMessage(e: unknown, context: string): string {
  if (isDomainError(e)) return e.message;
  console.error(`[${context}]`, e instanceof Error ? e.message : e);
  return "Something went wrong on our side. Nothing was changed; try again in a moment.";
}
