// RunPod v2 errors are RFC 9457 problem objects {title, status, detail, errors?}. v1 bodies
// ({message} or {error:{}}) are parsed too in case a proxy answers in the old shape.
//
// The statuses RunPod documents for a pod create: 400 (rule broken, or that GPU could not be
// placed: capacity only shows in `detail`), 402 (balance too low: no other offer will work),
// 403 (the account cannot use that pool), 422 (body does not match the contract). A pod action
// that is not valid in the pod's current status answers 409.

import { clip, type HttpResponse } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";
import { problemSchema } from "./schemas";

export const RUNPOD_KEY_URL = "https://www.runpod.io/console/user/settings";
export const RUNPOD_BILLING_URL = "https://www.console.runpod.io/user/billing";

export function runpodErrorText(res: HttpResponse): string {
  const p = problemSchema.safeParse(res.json);
  if (p.success && (p.data.detail || p.data.title)) {
    const extra = p.data.errors?.length ? ` (${p.data.errors.join("; ")})` : "";
    return `${p.data.detail ?? p.data.title}${extra}`;
  }
  const b = res.json as { message?: unknown } | undefined;
  if (b && typeof b.message === "string") return b.message;
  return res.text;
}

export function runpodFailure(res: HttpResponse, ctx: FailureContext) {
  const text = runpodErrorText(res);
  const said = text ? `: "${ctx.redact(clip(text))}"` : "";
  const capacity =
    /no longer any instances available|no (gpu )?capacity|insufficient (capacity|gpu)|not enough (free )?gpus|out of stock|could not be placed/i.test(
      text,
    );
  if (res.status === 402) {
    return providerFailure(res, ctx, {
      code: "invalid_request",
      text,
      message: `RunPod refused to ${ctx.what} because the account's balance is too low (HTTP 402${said}). Add funds at ${RUNPOD_BILLING_URL}, then try again; no other RunPod offer will work until then.`,
    });
  }
  if (res.status === 403 && ctx.create) {
    // On a create, 403 means this account may not use that GPU pool (or the key cannot create pods).
    return providerFailure(res, ctx, {
      code: "invalid_request",
      text,
      message: `RunPod refused to ${ctx.what} (HTTP 403${said}): this account has no access to that GPU pool, or the API key lacks write permission. Pick another offer; if you expected access, check the key's permissions at ${RUNPOD_KEY_URL}.`,
    });
  }
  if (res.status === 403) {
    return providerFailure(res, ctx, {
      code: "auth",
      text,
      message: `RunPod accepted the API key but it lacks permission to ${ctx.what}${said}. Give the key read/write access at ${RUNPOD_KEY_URL}.`,
    });
  }
  if (res.status === 409) {
    return providerFailure(res, ctx, {
      code: "invalid_request",
      text,
      message: `RunPod cannot ${ctx.what} in the pod's current status (HTTP 409${said}). It may already be in that state or still changing; refresh and try again.`,
    });
  }
  return providerFailure(res, ctx, {
    code: res.status >= 400 && res.status < 500 && res.status !== 429 && capacity ? "no_capacity" : undefined,
    text,
  });
}
