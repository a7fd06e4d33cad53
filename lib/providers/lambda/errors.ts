// Lambda errors: `{error:{code, message, suggestion?}, field_errors?}` (errorResponseBody in the
// v1.5.3 spec); branch on code, never on message.

import type { HttpResponse, ProviderErrorCode } from "@/lib/http";
import { providerFailure, type FailureContext } from "../shared/errors";
import { errorBodySchema } from "./schemas";

export const LAMBDA_KEY_URL = "https://cloud.lambda.ai/api-keys";

const CODES: Record<string, ProviderErrorCode> = {
  "global/invalid-api-key": "auth",
  "global/account-inactive": "auth",
  "global/object-does-not-exist": "not_found",
  "global/invalid-address": "invalid_request",
  "global/invalid-parameters": "invalid_request",
  // An account limit: waiting does not help, raising the quota does.
  "global/quota-exceeded": "invalid_request",
  "instance-operations/launch/insufficient-capacity": "no_capacity",
  "instance-operations/launch/file-system-in-wrong-region": "invalid_request",
  "instance-operations/launch/file-systems-not-supported": "invalid_request",
  "ssh-keys/key-in-use": "invalid_request",
  "global/unknown": "unknown",
};

export function lambdaErrorCode(res: HttpResponse): string | undefined {
  const p = errorBodySchema.safeParse(res.json);
  return p.success ? p.data.error.code : undefined;
}

export function lambdaFailure(res: HttpResponse, ctx: FailureContext, launch?: { type: string; region: string }) {
  const p = errorBodySchema.safeParse(res.json);
  const providerCode = p.success ? p.data.error.code : undefined;
  const text = p.success
    ? [p.data.error.message, p.data.error.suggestion].filter(Boolean).join(" ") || providerCode
    : res.text;
  let code: ProviderErrorCode | undefined = providerCode ? CODES[providerCode] : undefined;
  if (!code && providerCode?.startsWith("provider/")) code = "unavailable";
  if (res.status === 429) code = "rate_limited";
  // A 5xx is an outage whatever the code says (the body is often global/unknown).
  else if (res.status >= 500 && (!code || code === "unknown")) code = "unavailable";
  let message: string | undefined;
  if (code === "no_capacity" && launch) {
    message = `Lambda has no capacity for ${launch.type} in ${launch.region}. Pick another region or instance type, or try later.`;
  } else if (providerCode === "global/account-inactive") {
    message = `Lambda says the account is inactive. Check billing at https://cloud.lambda.ai before using this key.`;
  } else if (providerCode === "global/quota-exceeded") {
    message = `Lambda quota exceeded while trying to ${ctx.what}: "${ctx.redact(text ?? "")}". Ask Lambda to raise the quota or terminate other instances.`;
  }
  return providerFailure(res, ctx, { code, providerCode, text: text ?? undefined, message });
}
