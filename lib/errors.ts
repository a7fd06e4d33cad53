// Typed domain errors with a code and a message a person can act on. Actions and route handlers show
// `message` for these, and a generic message (plus a server log) for anything else.

export type DomainErrorCode = "invalid" | "not_found" | "conflict" | "no_key" | "provider" | "forbidden" | "unavailable";

export class DomainError extends Error {
  constructor(
    public readonly code: DomainErrorCode,
    message: string,
    public readonly fieldErrors?: Partial<Record<string, string>>,
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
  unavailable: 503,
};

/** The user-facing message for any error; unknown ones are logged without their details reaching the user. */
export function publicMessage(e: unknown, context: string): string {
  if (isDomainError(e)) return e.message;
  console.error(`[${context}]`, e instanceof Error ? e.message : e);
  return "Something went wrong on our side. Nothing was changed; try again in a moment.";
}
