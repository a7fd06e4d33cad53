import { bash } from "./bash";
import { SCRIPT_COMMON } from "./common";

/**
 * CUDA processes: nvidia-smi's compute apps plus the PIDs given as arguments (checkpointed
 * processes leave nvidia-smi), each with `cuda-checkpoint --get-state`.
 * Arguments: checkpointed PIDs (validated integers).
 */
export const PROCESSES_SCRIPT =
  SCRIPT_COMMON +
  bash`
printf '@@begin processes v1\n'
cc="$(find_cc)"
emit cuda_checkpoint "$cc"
apps=""
if command -v nvidia-smi >/dev/null 2>&1; then
  t0="$(now_ms)"; out="$(compute_apps 2>&1)"; rc=$?; t1="$(now_ms)"
  printf '@@section compute_apps rc=%s ms=%s\n' "$rc" "$((t1 - t0))"
  [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/| /'
  [ "$rc" -eq 0 ] && apps="$(printf '%s\n' "$out" | awk -F', ' '{print $1}')"
fi
seen=" "
for pid in $apps "$@"; do
  is_uint "$pid" || continue
  case "$seen" in *" $pid "*) continue;; esac
  seen="$seen$pid "
  if pid_alive "$pid"; then alive=1; else alive=0; fi
  if [ "$alive" = 1 ]; then run_section "comm pid=$pid" cat "/proc/$pid/comm"; fi
  if [ -n "$cc" ] && [ "$alive" = 1 ]; then
    run_section "state pid=$pid alive=$alive" $SUDO "$cc" --get-state --pid "$pid"
  else
    printf '@@section state pid=%s alive=%s rc=127 ms=0\n' "$pid" "$alive"
  fi
done
printf '@@end rc=0\n'
`;
