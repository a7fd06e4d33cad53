import { bash } from "./bash";
import { SCRIPT_COMMON } from "./common";

/**
 * Checkpoint: lock (with timeout) → state → checkpoint → state [→ criu dump].
 * Arguments: PID, lock timeout in ms (0 = none), criu (0|1), operation id (our id; names the
 * image directory $HOME/.dumont/checkpoints/<id>).
 */
export const CHECKPOINT_SCRIPT =
  SCRIPT_COMMON +
  bash`
pid="@{1:-}"; tmo="@{2:-}"; use_criu="@{3:-}"; op="@{4:-}"
printf '@@begin checkpoint v1\n'
is_uint "$pid" && is_uint "$tmo" && is_uint "$use_criu" || abort bad_arguments
case "$op" in ''|*[!A-Za-z0-9_.-]*) abort bad_arguments;; esac
cc="$(find_cc)" || abort tool_missing cuda-checkpoint
emit cuda_checkpoint "$cc"
run_section compute_apps compute_apps
pid_alive "$pid" || abort no_such_process
in_apps=0
compute_apps 2>/dev/null | awk -F', ' -v p="$pid" '$1 == p { f = 1 } END { exit !f }' && in_apps=1
emit in_compute_apps "$in_apps"
st="$(run_section "state step=before" $SUDO "$cc" --get-state --pid "$pid")"; rc=$?
printf '%s\n' "$st"
if [ "$rc" -ne 0 ]; then
  [ "$in_apps" = 1 ] && abort get_state_failed || abort not_cuda
fi
state="$(printf '%s\n' "$st" | sed -n 's/^| //p' | head -n 1)"
case "$state" in
  running)
    if [ "$tmo" -gt 0 ]; then
      run_section "action step=lock" $SUDO "$cc" --action lock --pid "$pid" --timeout "$tmo"; rc=$?
    else
      run_section "action step=lock" $SUDO "$cc" --action lock --pid "$pid"; rc=$?
    fi
    run_section "state step=after_lock" $SUDO "$cc" --get-state --pid "$pid"
    [ "$rc" -eq 0 ] || abort lock_failed;;
  locked) ;;
  # Already checkpointed in place (GPU memory in host memory): only the CRIU dump is left to do.
  checkpointed) [ "$use_criu" = 1 ] || abort invalid_state "$state"; already=1;;
  *) abort invalid_state "$state";;
esac
if [ "@{already:-0}" != 1 ]; then
  run_section "action step=checkpoint" $SUDO "$cc" --action checkpoint --pid "$pid"; rc=$?
  run_section "state step=after_checkpoint" $SUDO "$cc" --get-state --pid "$pid"
  [ "$rc" -eq 0 ] || abort checkpoint_failed
fi
if [ "$use_criu" = 1 ]; then
  criu_bin="$(command -v criu 2>/dev/null)"; [ -n "$criu_bin" ] || criu_bin=/usr/sbin/criu
  [ -x "$criu_bin" ] || abort tool_missing criu
  dir="$HOME/.dumont/checkpoints/$op"
  mkdir -p "$dir" || abort criu_failed "cannot create $dir"
  emit image_path "$dir"
  run_section "criu step=dump" $SUDO "$criu_bin" dump --tree "$pid" --images-dir "$dir" --shell-job || abort criu_failed
  emit image_bytes "$(du -sb "$dir" 2>/dev/null | awk '{print $1}')"
  emit alive_after "$(pid_alive "$pid" && echo 1 || echo 0)"
fi
printf '@@end rc=0\n'
`;

/**
 * Restore: [criu restore →] state → restore → state → unlock → state. Reads the state first
 * and skips what is already done (CRIU's CUDA plugin leaves the process running).
 * Arguments: PID, criu (0|1), operation id of the checkpoint whose image to restore.
 */
export const RESTORE_SCRIPT =
  SCRIPT_COMMON +
  bash`
pid="@{1:-}"; use_criu="@{2:-}"; op="@{3:-}"
printf '@@begin restore v1\n'
is_uint "$pid" && is_uint "$use_criu" || abort bad_arguments
case "$op" in ''|*[!A-Za-z0-9_.-]*) abort bad_arguments;; esac
cc="$(find_cc)" || abort tool_missing cuda-checkpoint
emit cuda_checkpoint "$cc"
if [ "$use_criu" = 1 ]; then
  criu_bin="$(command -v criu 2>/dev/null)"; [ -n "$criu_bin" ] || criu_bin=/usr/sbin/criu
  [ -x "$criu_bin" ] || abort tool_missing criu
  dir="$HOME/.dumont/checkpoints/$op"
  [ -d "$dir" ] || abort no_image "$dir"
  emit image_path "$dir"
  run_section "criu step=restore" $SUDO "$criu_bin" restore --images-dir "$dir" --shell-job --restore-detached || abort criu_failed
fi
pid_alive "$pid" || abort no_such_process
st="$(run_section "state step=before" $SUDO "$cc" --get-state --pid "$pid")"; rc=$?
printf '%s\n' "$st"
[ "$rc" -eq 0 ] || abort not_cuda
state="$(printf '%s\n' "$st" | sed -n 's/^| //p' | head -n 1)"
case "$state" in
  checkpointed)
    run_section "action step=restore" $SUDO "$cc" --action restore --pid "$pid"; rc=$?
    run_section "state step=after_restore" $SUDO "$cc" --get-state --pid "$pid"
    [ "$rc" -eq 0 ] || abort restore_failed
    run_section "action step=unlock" $SUDO "$cc" --action unlock --pid "$pid"; rc=$?
    run_section "state step=after_unlock" $SUDO "$cc" --get-state --pid "$pid"
    [ "$rc" -eq 0 ] || abort unlock_failed;;
  locked)
    run_section "action step=unlock" $SUDO "$cc" --action unlock --pid "$pid"; rc=$?
    run_section "state step=after_unlock" $SUDO "$cc" --get-state --pid "$pid"
    [ "$rc" -eq 0 ] || abort unlock_failed;;
  running) ;;
  *) abort invalid_state "$state";;
esac
command -v nvidia-smi >/dev/null 2>&1 && run_section compute_apps compute_apps
printf '@@end rc=0\n'
`;
