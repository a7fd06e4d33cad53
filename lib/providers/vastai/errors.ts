// Vast.ai errors: usually `{success:false, error:"<code>", msg:"…"}`, sometimes only msg/message.
// A 429 from the per-endpoint limiter is JSON `{detail:"API requests too frequent endpoint
// threshold=4.5"}` without Retry-After (Vast's create-instance reference); the search row quota is
// `{error:"search_quota_exceeded", msg}` with a Retry-After that can be hours (the search reference).

import type { HttpResponse, ProviderErrorCode } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";

export const VAST_KEY_URL = "https://cloud.vast.ai/manage-keys/";

export function vastErrorBody(res: HttpResponse): { code?: string; text: string } {
  const b = res.json as Record<string, unknown> | undefined;
  if (b && typeof b === "object" && !Array.isArray(b)) {
    const code = typeof b.error === "string" && b.error ? b.error : undefined;
    const said = b.msg ?? b.message ?? b.detail;
    const text = typeof said === "string" && said ? said : (code ?? res.text);
    return { code, text };
  }
  return { text: res.text };
}

const CODES: Record<string, ProviderErrorCode> = {
  auth_error: "auth",
  not_found: "not_found",
  no_such_instance: "not_found",
  // The ask was rented by someone else or withdrawn: that offer has no capacity any more.
  no_such_ask: "no_capacity",
  invalid_args: "invalid_request",
  invalid_price: "invalid_request",
  no_ssh_key_for_vm: "invalid_request",
  no_ssh_key: "invalid_request",
  search_quota_exceeded: "rate_limited",
};

/** An error status, or a 200 that says success:false (as some endpoints answer). */
export function isVastError(res: HttpResponse): boolean {
  const b = res.json as { success?: unknown } | undefined;
  return !res.ok || (!!b && typeof b === "object" && b.success === false);
}

/** Vast answers a bad key with "Invalid user key", under 401, 403 or (on search) 404. */
export function isVastAuthError(res: HttpResponse): boolean {
  const { code, text } = vastErrorBody(res);
  return code === "auth_error" || /invalid user key/i.test(text);
}

/**
 * A withdrawn or rented ask: 404 with error "invalid_args" and a msg that starts
 * "error 404/3603: no_such_ask …", or 410 with error "no_such_ask" when cancel_unavail is set.
 */
export function isNoSuchAsk(res: HttpResponse): boolean {
  const { code, text } = vastErrorBody(res);
  return code === "no_such_ask" || /\bno_such_ask\b/.test(text);
}

export function vastFailure(res: HttpResponse, ctx: FailureContext) {
  const { code, text } = vastErrorBody(res);
  let mapped: ProviderErrorCode | undefined = code ? CODES[code] : undefined;
  let message: string | undefined;
  if (isVastAuthError(res)) mapped = "auth";
  else if (isNoSuchAsk(res)) {
    mapped = "no_capacity";
    message = `Vast.ai offer is no longer available (${ctx.what}): someone else rented it or the host withdrew it. Pick another offer.`;
  } else if (res.status === 429) mapped = "rate_limited";
  return providerFailure(res, ctx, { code: mapped, providerCode: code, text, message });
}
