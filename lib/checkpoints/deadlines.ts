/** How long a queued operation or setup run may wait for a worker before the sweep fails it. */
export const QUEUED_DEADLINE_MS = 5 * 60_000;
/** A queued record older than this gets its job sent again (the first may have died with a worker). */
export const RESEND_AFTER_MS = 20_000;
