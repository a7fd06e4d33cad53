import type { BudgetActionKind } from "@/db/schema/spending";

export const ACTION_LABELS: Record<BudgetActionKind, string> = {
  warn: "Warn only",
  stop: "Stop the machines (stopped machines may still bill storage)",
  checkpoint_destroy: "Checkpoint every CUDA process, then destroy",
  hibernate: "Hibernate: save every CUDA process to object storage, then destroy (resume later anywhere)",
};

/** The choices of a select for what happens at a limit. */
export const ACTION_OPTIONS = Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }));
