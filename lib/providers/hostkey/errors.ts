// HOSTKEY failures come as `{code:-1, message}`, `{result:-1, error}`, a non-OK `result` string, a
// string `code` (NO_APPROPRIATE_SERVERS) or an HTTP error (HOSTKEY's Terraform provider
// decodes all of them). "Not found" is recognised by wording, as the Terraform client does.

import type { HttpResponse, ProviderErrorCode } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";

export const HOSTKEY_KEY_URL = "https://hostkey.com (Invapi / API key in the customer portal)";

const OK_RESULTS = new Set(["OK", "ok", "success", "Success"]);

/** The error text when the body is a failure, or null for a success. */
export function hostkeyErrorText(res: HttpResponse): string | null {
  const b = res.json as Record<string, unknown> | undefined;
  if (!b || typeof b !== "object" || Array.isArray(b)) return res.ok ? null : res.text || `HTTP ${res.status}`;
  const text = String(b.message ?? b.error ?? b.msg ?? (typeof b.code === "string" ? b.code : "") ?? "");
  if (!res.ok) return text || res.text || `HTTP ${res.status}`;
  if (typeof b.code === "number" && b.code < 0) return text || "error";
  if (typeof b.code === "string" && b.code !== "OK" && !("result" in b && OK_RESULTS.has(String(b.result))))
    return text || b.code;
  if (b.result === -1 || b.result === "-1") return text || "error";
  if (typeof b.result === "string" && !OK_RESULTS.has(b.result) && b.result !== "Not ready") return text || b.result;
  return null;
}

export function isTokenError(res: HttpResponse, text: string): boolean {
  // "Invalid hash" also means the session is gone (Terraform's isAuthFailure).
  return (
    res.status === 401 || /invalid token|token expired|token is expired|bad token|no token|invalid hash/i.test(text)
  );
}

export function isNotFound(text: string): boolean {
  return /not found|no such|unknown server|does not exist/i.test(text);
}

export function hostkeyFailure(res: HttpResponse, text: string, ctx: FailureContext) {
  let code: ProviderErrorCode | undefined;
  if (isNotFound(text)) code = "not_found";
  else if (/NO_APPROPRIATE_SERVERS/.test(text)) code = "invalid_request";
  else if (/invalid (api )?key|wrong key|unauthori[sz]ed|access denied|authori[sz]ation failed/i.test(text))
    code = "auth";
  else if (/out of stock|no free|not available|no servers available|sold out/i.test(text)) code = "no_capacity";
  else if (res.ok) code = "invalid_request"; // A 200 carrying an error: the request was understood and refused.
  return providerFailure(res, ctx, { code, text });
}
