// One error type for every provider call, so deploy jobs and the UI branch on `code`, never on text.

export const PROVIDER_ERROR_CODES = [
  "auth",
  "not_found",
  "no_capacity",
  "rate_limited",
  "unavailable",
  "timeout",
  "invalid_request",
  "unknown",
] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

export interface ProviderErrorInit {
  code: ProviderErrorCode;
  /** Provider slug ("vastai") or another label of who answered. */
  provider: string;
  /** A sentence a person can act on. Must never contain an API key or token. */
  message: string;
  /** HTTP status when a response came back. */
  status?: number;
  /** The provider's own error code ("auth_error", "global/invalid-api-key"), for logs. */
  providerCode?: string;
  /**
   * True when a non-idempotent call (a create) may have taken effect even though we saw an error:
   * the reply was lost (5xx, reset, timeout). The caller must look the instance up by machine id
   * before ordering again.
   */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

// Codes where trying the same call again later can succeed.
const RETRYABLE: ReadonlySet<ProviderErrorCode> = new Set(["rate_limited", "unavailable", "timeout", "no_capacity"]);

export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly status?: number;
  readonly providerCode?: string;
  readonly outcomeUnknown: boolean;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ProviderError";
    this.code = init.code;
    this.provider = init.provider;
    this.status = init.status;
    this.providerCode = init.providerCode;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  /** Whether the same call may succeed later (capacity, rate limits, outages, timeouts). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }

  toJSON() {
    return {
      name: this.name,
      code: this.code,
      provider: this.provider,
      message: this.message,
      status: this.status,
      providerCode: this.providerCode,
      outcomeUnknown: this.outcomeUnknown,
    };
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}

/** Default code for an HTTP status when the body says nothing more specific. */
export function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401 || status === 403) return "auth";
  if (status === 404 || status === 410) return "not_found";
  if (status === 429) return "rate_limited";
  if (status === 408 || status === 504) return "timeout";
  if (status >= 500) return "unavailable";
  if (status >= 400) return "invalid_request";
  return "unknown";
}
