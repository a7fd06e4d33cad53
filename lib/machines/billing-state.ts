import type { MachineStatus } from "@/db/schema";

/**
 * Which rate a machine bills in each status. An instance bills from the moment it is ordered until it
 * is gone: while booting and stopping at the running rate, while stopped and starting at the stopped
 * rate. "destroying" keeps whatever was billing until the provider confirms the instance is gone.
 */
export function billingStateFor(status: MachineStatus): "running" | "stopped" | "none" | "unchanged" {
  switch (status) {
    case "booting":
    case "running":
    case "stopping":
      return "running";
    case "stopped":
    case "starting":
      return "stopped";
    case "destroying":
      return "unchanged";
    default:
      return "none";
  }
}
