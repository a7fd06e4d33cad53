// RunPod v2 pod status → our lifecycle. EXITED is a stopped pod (volume kept, container disk wiped).

import type { InstanceStatus } from "../types";

export function runpodStatus(raw: string): InstanceStatus {
  switch (raw.toUpperCase()) {
    case "PROVISIONING":
      return "creating";
    case "STARTING":
      return "booting";
    case "RUNNING":
      return "running";
    case "EXITED":
      return "stopped";
    case "TERMINATED":
      return "destroyed";
    case "ERROR":
      return "failed";
    default:
      return "booting";
  }
}
