/** A date the same on server and client: "2026-05-01 14:03 UTC". */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "";
  const iso = (typeof d === "string" ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
