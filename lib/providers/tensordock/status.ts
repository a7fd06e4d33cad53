// TensorDock v2 status strings → our lifecycle. The docs mix case ("running", "Stopped",
// "StoppedDisassociated"), so compare lower-cased; the full enum is unverified.

import type { InstanceStatus } from "../types";

export function tensordockStatus(raw: string): InstanceStatus {
  switch (raw.toLowerCase()) {
    case "creating":
    case "pending":
    case "provisioning":
      return "creating";
    case "starting":
      return "starting";
    case "running":
      return "running";
    case "stopping":
      return "stopping";
    case "stopped":
    case "stoppeddisassociated":
      return "stopped";
    case "deleting":
      return "destroying";
    case "deleted":
      return "destroyed";
    case "error":
    case "failed":
      return "failed";
    default:
      // An unknown state is treated as "not ready yet"; the deploy job's own deadline decides.
      return "booting";
  }
}
