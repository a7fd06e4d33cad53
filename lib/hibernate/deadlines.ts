// Time limits of the hibernate and resume pipelines, in one place.

/** One process's checkpoint with its CRIU dump (GPU memory copied to the host, then written to disk). */
export const CHECKPOINT_MS = 30 * 60_000;
/** One process's CRIU restore and cuda-checkpoint restore. */
export const RESTORE_MS = 30 * 60_000;
/** How long a resume waits for the new machine to be running before it gives up. */
export const RESUME_DEPLOY_MS = 20 * 60_000;
