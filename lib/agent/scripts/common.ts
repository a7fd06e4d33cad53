import { bash } from "./bash";

/**
 * Helpers shared by the agent's scripts (fixed text, prepended to each). Output follows the
 * line protocol of ../protocol.ts.
 */
export const SCRIPT_COMMON = bash`
export LC_ALL=C
is_uint() { case "$1" in ''|*[!0-9]*) return 1;; *) return 0;; esac; }
# key=value on one line
emit() { printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n\r' '  ')"; }
now_ms() {
  local t; t="$(date +%s%3N 2>/dev/null)"
  case "$t" in ''|*[!0-9]*) echo "$(( $(date +%s) * 1000 ))";; *) echo "$t";; esac
}
# run_section "<name> [k=v ...]" cmd args... : runs cmd, prints its exit status, duration and output.
run_section() {
  local head="$1"; shift
  local out rc t0 t1
  t0="$(now_ms)"
  out="$("$@" 2>&1)"; rc=$?
  t1="$(now_ms)"
  printf '@@section %s rc=%s ms=%s\n' "$head" "$rc" "$((t1 - t0))"
  [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/| /'
  return $rc
}
abort() { # reason [detail]
  printf '@@section abort reason=%s\n' "$1"
  [ -n "@{2:-}" ] && printf '| %s\n' "$2"
  printf '@@end rc=1\n'
  exit 1
}
# Root, or passwordless sudo for the privileged tools.
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
# Where cuda-checkpoint is found: PATH, the CUDA toolkit, a clone of NVIDIA's repository.
find_cc() {
  local c
  c="$(command -v cuda-checkpoint 2>/dev/null)"
  if [ -n "$c" ]; then echo "$c"; return 0; fi
  for c in /usr/local/bin/cuda-checkpoint /usr/bin/cuda-checkpoint /usr/local/cuda/bin/cuda-checkpoint \
           /usr/local/cuda-*/bin/cuda-checkpoint "$HOME/cuda-checkpoint/bin/x86_64_Linux/cuda-checkpoint" \
           /opt/cuda-checkpoint/bin/x86_64_Linux/cuda-checkpoint; do
    if [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  return 1
}
pid_alive() { [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
compute_apps() { nvidia-smi --query-compute-apps=pid,process_name,used_memory --format=csv,noheader,nounits; }
`;
