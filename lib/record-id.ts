import { z } from "zod";

// Ids are UUIDs or provider tags: printable, short. A control character (a NUL above all: Postgres
// text cannot hold one, and the query fails with a 500) means the id is not one of ours.
const ID_CHARS = /^[^\x00-\x1F\x7F]+$/;

/** An id that arrives from a form or a URL: trimmed, bounded; whether it exists and is the user's is the query's job. */
export const recordIdSchema = z
  .string({ error: "Missing id." })
  .trim()
  .min(1, "Missing id.")
  .max(100, "Unknown id.")
  .regex(ID_CHARS, "Unknown id.");

/** Whether a value can be a record id at all; lookups answer "not found" without a query when it cannot. */
export const isRecordId = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= 100 && ID_CHARS.test(v);
