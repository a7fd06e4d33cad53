// Validates a provider response against the zod schema of the fields we rely on. A mismatch is a
// provider-side change (or a doc error), reported without dumping the body.

import type { z } from "zod";
import { ProviderError } from "@/lib/http";

export function parseResponse<S extends z.ZodType>(
  schema: S,
  body: unknown,
  ctx: { provider: string; label: string; what: string },
): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "shape mismatch";
  throw new ProviderError({
    code: "unknown",
    provider: ctx.provider,
    message: `${ctx.label} returned an unexpected response to ${ctx.what} (${where}). The provider API may have changed.`,
  });
}
