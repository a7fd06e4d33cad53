// Vast.ai reports actual_status (what the host sees), intended_status (what we asked for) and
// cur_state; the pair tells stopping/starting apart from stopped/running.

import type { InstanceStatus } from "../types";
import type { VastInstance } from "./schemas";

export function vastStatus(
  i: Pick<VastInstance, "actual_status" | "intended_status" | "cur_state" | "status_msg">,
): InstanceStatus {
  if (i.cur_state === "unloaded") return "destroyed";
  const intended = i.intended_status ?? "running";
  switch (i.actual_status ?? null) {
    case null:
      return "creating";
    case "created":
      // dstack treats an OCI runtime error in this state as a failed start.
      return /OCI runtime create failed/i.test(i.status_msg ?? "") ? "failed" : "creating";
    case "loading":
    case "rebooting":
      return intended === "stopped" ? "stopping" : "booting";
    case "running":
      return intended === "stopped" ? "stopping" : "running";
    case "stopped":
    case "frozen":
      return intended === "running" ? "starting" : "stopped";
    case "exited":
    case "unknown":
    case "offline":
      // The docs say to treat these as terminal in poll loops.
      return "failed";
    default:
      return "booting";
  }
}

/** The raw status we show: actual, plus intended when they differ. */
export function vastRawStatus(i: Pick<VastInstance, "actual_status" | "intended_status">): string {
  const a = i.actual_status ?? "null";
  return i.intended_status && i.intended_status !== a ? `${a} (intended ${i.intended_status})` : a;
}
