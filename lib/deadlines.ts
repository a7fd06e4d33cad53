// Every time limit of the job system: leases and their renewals, step deadlines, sweep periods and
// the expiry of queued jobs. Plain constants, so client code may read the few a page shows.

// ---------------- leases ----------------

/**
 * A running record (a checkpoint operation, a setup run, a budget action, a hibernation) holds a
 * short lease that its worker renews while it works. A worker that dies (SIGKILL, lost host) stops
 * renewing, so the sweep notices within about a minute instead of waiting out the command's whole
 * time limit; a live worker always finishes on its own, because the agent enforces the command's
 * limit remotely. 45 s outlasts a Postgres restart (a few seconds) several times over, and a
 * renewal every 10 s leaves room for three missed ones, so a live worker is not failed by a brief outage.
 */
export const LEASE_MS = 45_000;
export const LEASE_RENEW_MS = 10_000;

/**
 * A machine step's lease on its machine. Steps are short and idempotent (each reads the row and asks
 * the provider again), so a killed worker's machine is freed within seconds rather than a minute:
 * with workers dying often, a longer lease left machines idle for minutes. A renewal every 3 s keeps
 * a live step's lease however long its provider calls take, and 15 s still outlasts a Postgres
 * restart several times over, so two workers never run one machine's step at once.
 */
export const STEP_LEASE_MS = 15_000;
export const STEP_LEASE_RENEW_MS = 3_000;

/** A job that finds its record held by another worker looks again this much later (the holder may die). */
export const HELD_RETRY_MS = 5_000;

// ---------------- machines ----------------

/**
 * How long each step of a machine's life may take; past it the machine is cleaned up (create, boot),
 * put back (stop/start) or flagged for the user (destroy), so a stuck order does not bill unseen.
 */
export const MACHINE_STEP_DEADLINES = {
  create: 5 * 60_000,
  boot: 15 * 60_000,
  stopStart: 10 * 60_000,
  destroy: 10 * 60_000,
};
/** A queued step job older than this was lost; the sweep sends a new one. Steps take seconds. */
export const MACHINE_STEP_JOB_EXPIRE_S = 120;
/** The sweep that re-enqueues machines whose step job was lost (a process killed mid-step). */
export const MACHINE_SWEEP_EVERY_S = 30;
/** A machine changed more recently than this is left to the job that changed it; older, with no live lease, nobody works on it. */
export const MACHINE_SWEEP_IDLE_MS = 20_000;
/** Reconciliation with each provider (instances billing that the app does not know); each run lists every instance. */
export const RECONCILE_EVERY_S = 120;

// ---------------- checkpoints (the SSH agent's jobs) ----------------

/** How long a queued operation or setup run may wait for a worker before the sweep fails it. */
export const QUEUED_DEADLINE_MS = 5 * 60_000;
/**
 * A queued record older than this gets its job sent again: the first may have died with a worker
 * between taking the job and claiming the record. Claiming is atomic, so a duplicate does nothing.
 */
export const RESEND_AFTER_MS = 20_000;
/** At most one resend per record in this window, so a busy queue does not pile up copies. */
export const RESEND_ONCE_PER_S = 60;
/** The sweep failing records past their deadline: every 15 s, so a dead worker's 45 s lease is noticed within a minute. */
export const AGENT_SWEEP_EVERY_S = 15;

/** cuda-checkpoint lock --timeout (driver 570+): a busy process cannot hang the checkpoint. */
export const LOCK_TIMEOUT_MS = 10_000;
/** Wall-clock limits of the remote commands (the agent kills them past this). */
export const CHECKPOINT_COMMAND_MS = LOCK_TIMEOUT_MS + 180_000;
export const RESTORE_COMMAND_MS = 180_000;
/** An operation's job outlives its longest command plus a margin for connecting and writing the record. */
export const OPERATION_JOB_EXPIRE_S = Math.ceil(CHECKPOINT_COMMAND_MS / 1000) + 120;

/** The setup script's own limit (apt and a driver install). */
export const SETUP_COMMAND_MS = 30 * 60_000;
/** The setup job's expiry: the script's limit plus a margin for the probe that follows. */
export const SETUP_DEADLINE_MS = SETUP_COMMAND_MS + 5 * 60_000;

/** A probe's job: connecting and reading the machine takes seconds; two asked within this window are one. */
export const PROBE_JOB_EXPIRE_S = 120;
export const PROBE_DEDUPE_S = 3;
/** Seconds between two refreshes of a watched machine's processes (the page shows states live). */
export const REFRESH_EVERY_S = 2;
/** A refresh job not run within this is stale: the next one reads the same processes anyway. */
export const REFRESH_JOB_EXPIRE_S = 60;

// ---------------- budget actions ----------------

/** Budgets and machine limits are evaluated every minute: a limit acts within a minute of being reached. */
export const BUDGET_EVALUATE_EVERY_S = 60;
/** A queued budget action older than this lost its job (a process killed before it ran); it is sent again. */
export const BUDGET_ACTION_RESEND_AFTER_MS = 120_000;
/** A budget action stops, checkpoints or destroys one machine; its job may take this long. */
export const BUDGET_ACTION_JOB_EXPIRE_S = 900;
/** A budget action whose worker died this many times is failed instead of taken again. */
export const MAX_ACTION_ATTEMPTS = 3;

// ---------------- hibernations ----------------

/** One process's checkpoint with its CRIU dump (GPU memory copied to the host, then written to disk). */
export const HIBERNATE_CHECKPOINT_MS = 30 * 60_000;
/** One process's CRIU restore and cuda-checkpoint restore. */
export const HIBERNATE_RESTORE_MS = 30 * 60_000;
/** How long a resume waits for the new machine to be running before it gives up. */
export const RESUME_DEPLOY_MS = 20 * 60_000;
/** One hibernate job may run a whole upload or download: it lives as long as the longest transfer. */
export const HIBERNATE_STEP_JOB_EXPIRE_S = 3 * 3600;
/** The sweep carrying on records a dead worker left mid-way. */
export const HIBERNATE_SWEEP_EVERY_S = 30;
/** A record written this recently is still being worked on (its next job is on its way). */
export const HIBERNATE_SWEEP_IDLE_MS = 5_000;

// ---------------- live prices ----------------

/** How often the refresh job reads the providers' prices (the catalog page says so). */
export const LIVE_PRICE_REFRESH_SECONDS = 15 * 60;
/** A refresh this recent (another process's, or start-up's) makes the periodic job skip its turn. */
export const LIVE_PRICE_RECENT_S = 60;

// ---------------- pg-boss ----------------

/** pg-boss's own sweep, which expires jobs whose worker died; a stately refresh waits behind one until then. */
export const BOSS_MAINTENANCE_EVERY_S = 30;
