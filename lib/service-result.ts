import type { FieldErrors } from "@/lib/auth/schemas";

/**
 * What a settings service returns: data, or a message a person can act on (per field where one
 * field is at fault). Never an exception text or a stack trace.
 */
export type ServiceResult<T> = { ok: true; data: T } | { ok: false; error?: string; fieldErrors?: FieldErrors };
