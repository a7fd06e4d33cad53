// Keys and session tokens must never reach an error message or a log line, even when a provider
// echoes them back in a response body.

const MASK = "[redacted]";

/** Replaces every occurrence of each secret (of 4+ characters) in `text`. */
export function redact(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    out = out.split(s).join(MASK);
  }
  return out;
}

/** Shortens provider text for a message: one line, at most `max` characters. */
export function clip(text: string, max = 300): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
