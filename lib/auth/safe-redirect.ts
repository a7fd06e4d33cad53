/** Only same-site paths may be a post-sign-in destination ("/machines"), never "//evil" or "https://…". */
export function safeCallbackPath(raw: unknown, fallback = "/machines"): string {
  if (typeof raw !== "string" || raw.length > 500) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (raw.startsWith("/api/")) return fallback;
  return raw;
}
