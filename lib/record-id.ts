import { z } from "zod";

/** An id that arrives from a form or a URL: trimmed, bounded; whether it exists and is the user's is the query's job. */
export const recordIdSchema = z.string({ error: "Missing id." }).trim().min(1, "Missing id.").max(100, "Unknown id.");
