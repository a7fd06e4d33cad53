import { bash } from "../bash";

/**
 * Shared preamble of every emulated binary. State lives in files under
 * $DUMONT_GPU_STATE_DIR (default $HOME/.gpu-emu):
 *   machine.env          key=value lines: profile, driver, cuda, gpu_* , persistence, criu_*, ...
 *   procs/<pid>          key=value lines of one emulated CUDA process (name, mem, gpu, state, ...)
 *   proc_status          fake /proc/self/status for the probe (see DUMONT_PROC_STATUS)
 */
export const COMMON = bash`
set -u
S="@{DUMONT_GPU_STATE_DIR:-$HOME/.gpu-emu}"
P="$S/procs"
[ -d "$P" ] || mkdir -p "$P" 2>/dev/null || true

# machine.env is read once per invocation (pure bash, no forks: these tools run often).
declare -A CFG=()
if [ -r "$S/machine.env" ]; then
  while IFS= read -r __l || [ -n "$__l" ]; do
    case "$__l" in *=*) CFG["@{__l%%=*}"]="@{__l#*=}";; esac
  done < "$S/machine.env"
fi
cfg() { printf '%s\n' "@{CFG[$1]-}"; }
emu_lock() { exec 9>>"$S/.lock"; flock 9; }
emu_unlock() { flock -u 9 2>/dev/null; exec 9>&-; }
# file key value: replaces the key's line in a key=value file, under the lock.
kv_set() {
  emu_lock
  local tmp="@{1%/*}/.@{1##*/}.$$"
  grep -v "^$2=" "$1" > "$tmp" 2>/dev/null || true
  printf '%s=%s\n' "$2" "$3" >> "$tmp"
  mv "$tmp" "$1"
  emu_unlock
}
setcfg() { kv_set "$S/machine.env" "$1" "$2"; CFG["$1"]="$2"; }
pget() { # pid key (last value wins)
  local l v=""
  [ -r "$P/$1" ] || return 0
  while IFS= read -r l || [ -n "$l" ]; do
    case "$l" in "$2="*) v="@{l#*=}";; esac
  done < "$P/$1"
  printf '%s\n' "$v"
}
pset() { kv_set "$P/$1" "$2" "$3"; }
registered() { [ -f "$P/$1" ]; }
alive() { # running and not a zombie
  local l
  [ -r "/proc/$1/status" ] || return 1
  while IFS= read -r l; do
    case "$l" in State:*) case "$l" in *Z*) return 1;; *) return 0;; esac;; esac
  done < "/proc/$1/status" 2>/dev/null
  return 1
}
is_uint() { case "$1" in ''|*[!0-9]*) return 1;; *) return 0;; esac; }
# Sleep for N milliseconds multiplied by the machine's time_scale (default 1).
emu_sleep_ms() {
  local ms="$1" scale
  scale="$(cfg time_scale)"; [ -n "$scale" ] || scale=1
  local secs
  secs="$(awk -v m="$ms" -v s="$scale" 'BEGIN{ v = m * s / 1000; if (v < 0) v = 0; printf "%.3f", v }')"
  [ "$secs" = "0.000" ] || sleep "$secs"
}
# Starts "$1" (a command line of our own, e.g. "sleep infinity") as a job under a tiny
# supervisor shell that reaps it, so a killed job never lingers as a zombie holding its PID
# (containers often run an init that does not reap). With "$2", the job gets exactly that PID
# (as CRIU does, through ns_last_pid; needs root). Prints the job's PID.
spawn_job() {
  local out; out="$(mktemp "$S/.spawn.XXXXXX")"
  setsid bash -c '
    trap "" HUP
    if [ -n "$3" ]; then echo "$(( $3 - 1 ))" > /proc/sys/kernel/ns_last_pid 2>/dev/null || exit 1; fi
    $1 >/dev/null 2>&1 </dev/null &
    echo "$!" > "$2"
    wait
  ' spawn "$1" "$out" "@{2:-}" >/dev/null 2>&1 </dev/null &
  local i=0
  while [ ! -s "$out" ] && [ "$i" -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
  cat "$out" 2>/dev/null; rm -f "$out"
}
driver_major() { local d; d="$(cfg driver)"; echo "@{d%%.*}"; }
# PIDs of registered processes that are alive and hold the GPU (running or locked).
gpu_pids() {
  local f pid st
  for f in "$P"/*; do
    [ -f "$f" ] || continue
    pid="@{f##*/}"
    is_uint "$pid" || continue
    alive "$pid" || continue
    st="$(pget "$pid" state)"
    case "$st" in running|locked) echo "$pid";; esac
  done | sort -n
}
gpu_used() { # index -> MiB used by processes on that GPU
  local sum=0 pid m
  for pid in $(gpu_pids); do
    [ "$(pget "$pid" gpu)" = "$1" ] || continue
    m="$(pget "$pid" mem)"; sum=$((sum + @{m:-0}))
  done
  echo "$sum"
}
`;
