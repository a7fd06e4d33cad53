// Vast.ai errors: usually `{success:false, error:"<code>", msg:"…"}`, sometimes only msg/message,
// and 429 comes as plain text ("API requests too frequent endpoint threshold=4.5").

import type { HttpResponse, ProviderErrorCode } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";

export const VAST_KEY_URL = "https://cloud.vast.ai/manage-keys/";

export function vastErrorBody(res: HttpResponse): { code?: string; text: string } {
  const b = res.json as Record<string, unknown> | undefined;
  if (b && typeof b === "object") {
    const code = typeof b.error === "string" ? b.error : undefined;
    const text = String(b.msg ?? b.message ?? code ?? res.text);
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
};

export function vastFailure(res: HttpResponse, ctx: FailureContext) {
  const { code, text } = vastErrorBody(res);
  const mapped = code ? CODES[code] : undefined;
  const message =
    code === "no_such_ask" ? `Vast.ai offer is no longer available (${ctx.what}). Pick another offer.` : undefined;
  return providerFailure(res, ctx, { code: res.status === 429 ? "rate_limited" : mapped, providerCode: code, text, message });
}
