// Helpers the provider error mappers share.

import { ProviderError, clip, codeForStatus, type HttpResponse, type ProviderErrorCode } from "@/lib/http";

export interface FailureContext {
  provider: string;
  label: string;
  /** What we were doing, for the message ("create an instance"). */
  what: string;
  /** True for a create/order: a 5xx may hide a success. */
  create?: boolean;
  /** Where the user fixes a bad key. */
  keyUrl?: string;
  redact: (s: string) => string;
}

/** Builds a ProviderError with a message that says what to do next for each code. */
export function providerFailure(
  res: HttpResponse | undefined,
  ctx: FailureContext,
  detail: { code?: ProviderErrorCode; providerCode?: string; text?: string; message?: string },
): ProviderError {
  const status = res?.status;
  const code = detail.code ?? (status ? codeForStatus(status) : "unknown");
  const said = detail.text ? ctx.redact(clip(detail.text)) : "";
  const quote = said ? `: "${said}"` : "";
  let message = detail.message;
  if (!message) {
    switch (code) {
      case "auth":
        message = `${ctx.label} rejected the API key${quote}. Check the key${ctx.keyUrl ? ` at ${ctx.keyUrl}` : ""} and save it again.`;
        break;
      case "not_found":
        message = `${ctx.label} could not find it while trying to ${ctx.what}${quote}.`;
        break;
      case "no_capacity":
        message = `${ctx.label} has no capacity to ${ctx.what}${quote}. Pick another offer or region, or try later.`;
        break;
      case "rate_limited":
        message = `${ctx.label} is rate-limiting us (${ctx.what})${quote}. Retried with backoff; try again in a minute.`;
        break;
      case "unavailable":
        message = `${ctx.label} is failing (HTTP ${status ?? "?"}) while trying to ${ctx.what}${quote}. Try again later.`;
        break;
      case "timeout":
        message = `${ctx.label} timed out while trying to ${ctx.what}${quote}. Try again later.`;
        break;
      case "invalid_request":
        message = `${ctx.label} refused to ${ctx.what}${quote}.`;
        break;
      default:
        message = `${ctx.label} failed to ${ctx.what} (HTTP ${status ?? "?"})${quote}.`;
    }
  }
  const outcomeUnknown = !!ctx.create && (code === "unavailable" || code === "timeout" || code === "unknown");
  if (outcomeUnknown)
    message += " The instance may have been created anyway: look it up by machine id before ordering again.";
  return new ProviderError({
    code,
    provider: ctx.provider,
    status,
    providerCode: detail.providerCode,
    message: ctx.redact(message),
    outcomeUnknown,
  });
}
