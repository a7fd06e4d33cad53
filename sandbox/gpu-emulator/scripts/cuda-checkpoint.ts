import { bash } from "../bash";

/**
 * Emulated cuda-checkpoint. Like the real launcher, what it offers depends on the driver
 * version in machine.env: < 550 prints "Insufficient driver" (exit 255), 550 has --toggle only,
 * 555 adds --action/--get-state/--get-restore-tid, 570 adds --timeout, 580 adds --device-map,
 * 590 adds --launch-job. Success prints nothing; failures print the driver's message form
 * `Could not <action> on process ID <pid>: "<cuda error string>"` and exit 1.
 *
 * Per-process knobs in procs/<pid>: busy_ms (in-flight work a lock waits for), hang_on=<op>
 * (never returns), fail_on=checkpoint|restore (fails, restore leaves the process `failed`).
 */
export const CUDA_CHECKPOINT = bash`
driver="$(cfg driver)"
if [ -z "$driver" ]; then
  echo "cuda-checkpoint: error while loading shared libraries: libcuda.so.1: cannot open shared object file: No such file or directory" >&2
  exit 127
fi
major="$(driver_major)"
if [ "$major" -lt 550 ]; then echo "Insufficient driver" >&2; exit 255; fi
year=2024; [ "$major" -ge 565 ] && year=2025

# One entry of the help: its synopsis, each line of its description after a tab, then a blank line.
entry() { echo "$1"; shift; printf '\t%s\n' "$@"; echo; }

usage() {
  echo "CUDA checkpoint and restore utility."
  echo "Version $driver. Copyright (C) $year NVIDIA Corporation. All rights reserved."
  echo
  echo "Operations:"
  if [ "$major" -ge 555 ]; then
    entry "--get-state --pid <pid>" "Prints the current checkpoint state of the process specified by <pid>"
    local synopsis="--action lock | checkpoint | restore | unlock --pid <pid>" about=("Performs the specified action on <pid>.")
    if [ "$major" -ge 570 ]; then
      synopsis+=" [--timeout <ms>]"
      about+=("For the lock action a timeout can be provided, the lock operation will wait up to <ms> milliseconds for the operation to succeed.")
    fi
    if [ "$major" -ge 580 ]; then
      synopsis+=" [--device-map <uuids>]"
      about+=("For the restore action a device map can be provided in the format oldUuid=newUuid,oldUuid=newUuid,... which will be used to remap old devices to new devices.")
    fi
    entry "$synopsis" "@{about[@]}"
  fi
  entry "--toggle --pid <pid>" "Toggles the CUDA state in the specified process between the running and checkpointed states"
  [ "$major" -ge 555 ] && entry "--get-restore-tid --pid <pid>" "Retrieves the CUDA restore thread ID of the process specified by <pid>"
  [ "$major" -ge 590 ] && entry "--launch-job|-j <program> [<arg1> ... [<argn>]]" \
    "Initialize a memfd to become a job file, set CUDA_CHECKPOINT_JOB_FILE to point to that memfd" "and launch the specified command."
  echo "Options:"
  entry "--pid|-p <pid>" "The pid upon which to perform the operation"
  [ "$major" -ge 570 ] && entry "--timeout|-t <timeout>" "Optional timeout that can be specified for the lock action in milliseconds"
  [ "$major" -ge 580 ] && entry "--device-map|-d <deviceUuids>" \
    "Optional device map used during the restore action to manually remap old devices onto new ones." \
    "<deviceUuids> is a comma delimited list in the format oldUuid1=newUuid1,oldUuid2=newUuid2,..." \
    "Must contain all checkpointed devices if specified."
  echo "--help|-h"
  printf '\tPrint this help message\n'
}

op="" action="" pid="" timeout="" devmap=""
bad() { usage >&2; exit 1; }
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0;;
    --toggle) op=toggle;;
    --get-state) [ "$major" -ge 555 ] || bad; op=get-state;;
    --get-restore-tid) [ "$major" -ge 555 ] || bad; op=get-restore-tid;;
    --action) [ "$major" -ge 555 ] || bad; op=action; shift; action="@{1:-}";;
    -p|--pid) shift; pid="@{1:-}";;
    -t|--timeout) [ "$major" -ge 570 ] || bad; shift; timeout="@{1:-}";;
    -d|--device-map) [ "$major" -ge 580 ] || bad; shift; devmap="@{1:-}";;
    *) bad;;
  esac
  shift
done
[ -n "$op" ] || bad
is_uint "$pid" || bad
[ -z "$timeout" ] || is_uint "$timeout" || bad
case "$op:$action" in action:lock|action:checkpoint|action:restore|action:unlock|toggle:|get-state:|get-restore-tid:) ;; *) bad;; esac

initerr="$(cfg cuda_init_error)"
# Not root and the target belongs to another user: the /proc IPC channel is refused (issue #6).
# Same-user works, as some users report (criu#3089); the agent's verdict still asks for root.
if [ -z "$initerr" ] && [ "$(id -u)" -ne 0 ] && [ -e "/proc/$pid" ] && [ "$(stat -c %u "/proc/$pid")" != "$(id -u)" ]; then
  initerr="OS call failed or operation not supported on this OS"
fi
if [ -n "$initerr" ]; then echo "Error initializing CUDA: \"$initerr\"" >&2; exit 1; fi

is_cuda() { registered "$1" && alive "$1"; }
fail() { # verb message
  echo "Could not $1 on process ID $pid: \"$2\"" >&2; exit 1
}
state() { pget "$pid" state; }

case "$op" in
  get-state)
    is_cuda "$pid" || { echo "Error getting process state for process ID $pid: \"invalid argument\"" >&2; exit 1; }
    state; exit 0;;
  get-restore-tid)
    is_cuda "$pid" || { echo "Could not find restore thread for process ID $pid" >&2; exit 1; }
    echo "$((pid + 1))"; exit 0;;
esac

hang="$(pget "$pid" hang_on)"
do_lock() {
  [ "$hang" = lock ] && sleep 86400
  [ "$(state)" = running ] || fail lock "the operation cannot be performed in the present state"
  local busy; busy="$(pget "$pid" busy_ms)"; busy="@{busy:-0}"
  if [ -n "$timeout" ] && [ "$timeout" -gt 0 ] && [ "$busy" -gt "$timeout" ]; then
    sleep "$(awk -v m="$timeout" 'BEGIN{printf "%.3f", m/1000}')"
    fail lock "the operation timed out"
  fi
  [ "$busy" -gt 0 ] && sleep "$(awk -v m="$busy" 'BEGIN{printf "%.3f", m/1000}')"
  emu_sleep_ms 16
  pset "$pid" state locked
}
do_checkpoint() {
  [ "$hang" = checkpoint ] && sleep 86400
  [ "$(state)" = locked ] || fail checkpoint "the operation cannot be performed in the present state"
  [ "$(pget "$pid" fail_on)" = checkpoint ] && fail checkpoint "out of memory"
  local mem; mem="$(pget "$pid" mem)"
  # ~0.3 s fixed cost plus device->host copy at ~6 GB/s, scaled by time_scale.
  emu_sleep_ms "$(( 300 + @{mem:-0} * 1000 / 6144 ))"
  pset "$pid" state checkpointed
}
do_restore() {
  [ "$hang" = restore ] && sleep 86400
  [ "$(state)" = checkpointed ] || fail restore "the operation cannot be performed in the present state"
  if [ "$(pget "$pid" fail_on)" = restore ]; then pset "$pid" state failed; fail restore "invalid argument"; fi
  [ "$(cfg persistence)" = Enabled ] || fail restore "operation not permitted"
  local mem; mem="$(pget "$pid" mem)"
  emu_sleep_ms "$(( 300 + @{mem:-0} * 1000 / 6144 ))"
  pset "$pid" state locked
}
do_unlock() {
  [ "$hang" = unlock ] && sleep 86400
  [ "$(state)" = locked ] || fail unlock "the operation cannot be performed in the present state"
  emu_sleep_ms 5
  pset "$pid" state running
}

is_cuda "$pid" || {
  if [ "$op" = toggle ]; then echo "Error toggling CUDA in process ID $pid: \"invalid argument\"" >&2; exit 1; fi
  fail "$action" "invalid argument"
}
case "$op:$action" in
  action:lock) do_lock;;
  action:checkpoint) do_checkpoint;;
  action:restore) do_restore;;
  action:unlock) do_unlock;;
  toggle:)
    case "$(state)" in
      running) ( do_lock && do_checkpoint ) 2>/dev/null || { echo "Error toggling CUDA in process ID $pid: \"the operation cannot be performed in the present state\"" >&2; exit 1; };;
      checkpointed) ( do_restore && do_unlock ) 2>/dev/null || { echo "Error toggling CUDA in process ID $pid: \"operation not permitted\"" >&2; exit 1; };;
      *) echo "Error toggling CUDA in process ID $pid: \"the operation cannot be performed in the present state\"" >&2; exit 1;;
    esac;;
esac
exit 0
`;
