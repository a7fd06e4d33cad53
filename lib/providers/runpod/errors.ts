// RunPod v2 errors are RFC 9457 problem objects {title, status, detail, errors?}. v1 bodies
// ({message} or {error:{}}) are parsed too in case a proxy answers in the old shape.

import type { HttpResponse } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";
import { problemSchema } from "./schemas";

export const RUNPOD_KEY_URL = "https://www.runpod.io/console/user/settings";

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
  const capacity = /no longer any instances available|no (gpu )?capacity|insufficient|not enough (free )?gpus|out of stock/i.test(text);
  if (res.status === 403) {
    return providerFailure(res, ctx, {
      code: "auth",
      text,
      message: `RunPod accepted the API key but it lacks permission to ${ctx.what}: "${ctx.redact(text)}". Give the key read/write access at ${RUNPOD_KEY_URL}.`,
    });
  }
  return providerFailure(res, ctx, { code: res.status >= 400 && res.status < 500 && res.status !== 429 && capacity ? "no_capacity" : undefined, text });
}
