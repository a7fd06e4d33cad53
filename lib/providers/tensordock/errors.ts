// TensorDock v2 does not document its error body. Accept JSON:API `errors[]`, the v0
// `{success:false, error}` and a plain `message`, and classify by HTTP status plus wording.
// Clients that use the API report refusals (a low balance among them) inside HTTP 200 bodies as
// `error` (or a numeric `status` ≥ 400), so a 200 is checked for those too.

import { clip, type HttpResponse } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";

export const TENSORDOCK_KEY_URL = "https://dashboard.tensordock.com (Developer Settings)";

export function tensordockErrorText(body: unknown, fallback: string): string {
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    if (Array.isArray(b.errors) && b.errors.length > 0) {
      const e = b.errors[0] as Record<string, unknown>;
      return String(e.detail ?? e.title ?? e.message ?? fallback);
    }
    if (typeof b.error === "string") return b.error;
    if (b.error && typeof b.error === "object") {
      const e = b.error as Record<string, unknown>;
      return String(e.message ?? e.detail ?? JSON.stringify(e));
    }
    if (typeof b.message === "string") return b.message;
  }
  return fallback;
}

/**
 * An error carried by a 2xx body, as an HTTP status to classify it by, or null. Only a body that
 * says so (`error`, `errors[]`, `success: false` or a numeric `status` ≥ 400) counts; an instance's
 * own `status` is a string and never matches.
 */
export function errorStatusInOkBody(body: unknown): number | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const numeric = typeof b.status === "number" && b.status >= 400 ? b.status : null;
  const said =
    (b.error !== undefined && b.error !== null && b.error !== false && b.error !== "") ||
    (Array.isArray(b.errors) && b.errors.length > 0) ||
    b.success === false;
  if (numeric) return numeric;
  return said ? 400 : null;
}

/** A 2xx response whose body reports an error, re-labelled with the status that error implies. */
export function asFailedResponse(res: HttpResponse): HttpResponse | null {
  if (!res.ok) return res;
  const status = errorStatusInOkBody(res.json);
  return status ? { ...res, status, ok: false } : null;
}

export function tensordockFailure(res: HttpResponse, ctx: FailureContext) {
  const text = tensordockErrorText(res.json, res.text);
  if (res.status === 402 || /balance|need at least \$|insufficient funds|add (funds|credit)/i.test(text)) {
    return providerFailure(res, ctx, {
      code: "invalid_request",
      text,
      message: `TensorDock refused to ${ctx.what}: "${ctx.redact(clip(text))}". A deploy needs an account balance of at least $1: add funds in the TensorDock dashboard (https://dashboard.tensordock.com), then try again.`,
    });
  }
  const capacity = /insufficient|out of stock|no (available )?(gpu|stock|capacity)|not enough|unavailable gpu/i.test(
    text,
  );
  return providerFailure(res, ctx, {
    code: res.status < 500 && res.status !== 429 && capacity ? "no_capacity" : undefined,
    text,
  });
}
