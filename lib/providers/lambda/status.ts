// Lambda instance status → our lifecycle. There is no stopped state: Lambda cannot stop.

import type { InstanceStatus } from "../types";

export function lambdaStatus(raw: string): InstanceStatus {
  switch (raw) {
    case "booting":
      return "booting";
    case "active":
      return "running";
    case "unhealthy":
      // Can recover; the deploy job's deadline decides when to give up, so not "failed" here.
      return "booting";
    case "terminating":
      return "destroying";
    case "terminated":
      return "destroyed";
    case "preempted":
      return "failed";
    default:
      return "booting";
  }
}
