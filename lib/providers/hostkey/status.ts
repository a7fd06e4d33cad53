// HOSTKEY has no single status field in the sources read: eq/list filters on `rent` or
// `power_off`, orders report a deploy_status, cancellations go through WHMCS. Combine them.

import type { InstanceStatus } from "../types";

const DEPLOY_DONE = new Set(["", "0", "done", "ok", "finished", "completed", "success", "ready"]);

export function hostkeyStatus(
  status: string | null | undefined,
  deployStatus: string | number | null | undefined,
): InstanceStatus {
  const s = (status ?? "").toLowerCase();
  if (s === "cancelled" || s === "canceled" || s === "terminated") return "destroyed";
  if (s.includes("cancel")) return "destroying";
  const d = deployStatus == null ? "" : String(deployStatus).toLowerCase();
  if (!DEPLOY_DONE.has(d)) return /fail|error/.test(d) ? "failed" : "booting";
  if (s === "power_off" || s === "off" || s === "suspended") return "stopped";
  if (s === "rent" || s === "active" || s === "on" || s === "running") return "running";
  return s ? "booting" : "creating";
}
