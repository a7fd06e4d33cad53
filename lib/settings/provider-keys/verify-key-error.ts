import { isProviderError } from "@/lib/http";
import type { FieldErrors } from "@/lib/auth/schemas";

/**
 * Turns a failed verifyKey() into what the form shows: a rejected key is the key field's fault;
 * anything else is the provider's, and says the key was not saved.
 */
export function verifyKeyFailure(label: string, err: unknown): { fieldErrors?: FieldErrors; error?: string } {
  if (isProviderError(err)) {
    switch (err.code) {
      case "auth": {
        // The adapter says "<Label> rejected the API key: "<their words>". Check the key at …".
        const prefix = `${label} rejected the API key`;
        const detail = err.message.startsWith(prefix) ? err.message.slice(prefix.length).replace(/^[:.]\s*/, "") : err.message;
        return { fieldErrors: { apiKey: detail ? `${label} rejected this key: ${detail}` : `${label} rejected this key.` } };
      }
      case "unavailable":
      case "timeout":
        return { error: `${label} did not answer; try again in a minute. The key was not saved.` };
      case "rate_limited":
        return { error: `${label} is limiting how often we can call it; try again in a minute. The key was not saved.` };
      default:
        return { error: `${label} could not check this key: ${err.message} The key was not saved.` };
    }
  }
  return { error: `${label} did not answer; try again in a minute. The key was not saved.` };
}
