import { DomainError } from "@/lib/errors";
import { isProviderError } from "@/lib/http";

/**
 * Turns a failed verifyKey() into what the form shows: a rejected key is the key field's fault;
 * anything else is the provider's, and says the key was not saved.
 */
export function verifyKeyError(label: string, err: unknown): DomainError {
  if (isProviderError(err)) {
    switch (err.code) {
      case "auth": {
        // The adapter says "<Label> rejected the API key: "<their words>". Check the key at …".
        const prefix = `${label} rejected the API key`;
        const detail = err.message.startsWith(prefix)
          ? err.message.slice(prefix.length).replace(/^[:.]\s*/, "")
          : err.message;
        const message = detail ? `${label} rejected this key: ${detail}` : `${label} rejected this key.`;
        return new DomainError("invalid", message, { apiKey: message });
      }
      case "unavailable":
      case "timeout":
        return new DomainError("unavailable", `${label} did not answer; try again in a minute. The key was not saved.`);
      case "rate_limited":
        return new DomainError(
          "unavailable",
          `${label} is limiting how often we can call it; try again in a minute. The key was not saved.`,
        );
      default:
        return new DomainError("provider", `${label} could not check this key: ${err.message} The key was not saved.`);
    }
  }
  return new DomainError("unavailable", `${label} did not answer; try again in a minute. The key was not saved.`);
}
