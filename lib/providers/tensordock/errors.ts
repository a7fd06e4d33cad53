// TensorDock v2 does not document its error body. Accept JSON:API `errors[]`, the v0
// `{success:false, error}` and a plain `message`, and classify by HTTP status plus wording.

import type { HttpResponse } from "@/lib/http";
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
    if (b.error && typeof b.error === "object") return String((b.error as Record<string, unknown>).message ?? fallback);
    if (typeof b.message === "string") return b.message;
  }
  return fallback;
}

export function tensordockFailure(res: HttpResponse, ctx: FailureContext) {
  const text = tensordockErrorText(res.json, res.text);
  const capacity = /insufficient|out of stock|no (available )?(gpu|stock|capacity)|not enough|unavailable gpu/i.test(text);
  return providerFailure(res, ctx, {
    code: res.status < 500 && res.status !== 429 && capacity ? "no_capacity" : undefined,
    text,
  });
}
