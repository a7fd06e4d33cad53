// Time limits of the hibernate and resume pipelines, in one place.

/** A worker holds a hibernation record for this long, renewed while it works: a killed worker's record is taken again within a minute. */
export const HIBERNATE_LEASE_MS = 45_000;
export const HIBERNATE_LEASE_RENEW_MS = 10_000;
/** One process's checkpoint with its CRIU dump (GPU memory copied to the host, then written to disk). */
export const CHECKPOINT_MS = 30 * 60_000;
/** One process's CRIU restore and cuda-checkpoint restore. */
export const RESTORE_MS = 30 * 60_000;
/** How long a resume waits for the new machine to be running before it gives up. */
export const RESUME_DEPLOY_MS = 20 * 60_000;
