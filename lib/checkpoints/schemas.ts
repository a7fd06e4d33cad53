import { z } from "zod";
import { MAX_PID } from "@/lib/agent/shell";

/** A checkpoint or restore of one process, as the API and the machine page ask for it. */
export const operationRequestSchema = z.object({
  pid: z
    .number({ error: "Give the process id (a number)." })
    .int("A process id is a whole number.")
    .min(1, "A process id is at least 1.")
    .max(MAX_PID, `A process id is at most ${MAX_PID}.`),
  action: z.enum(["checkpoint", "restore"], { error: 'action is "checkpoint" or "restore".' }),
  criu: z
    .boolean({ error: "criu is true or false." })
    .optional()
    .describe("Also dump the whole process to disk with CRIU (where the probe says CRIU is ready)"),
});
export type OperationRequest = z.infer<typeof operationRequestSchema>;
