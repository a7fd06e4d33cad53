import { bash } from "../bash";

/**
 * Emulated criu: --version, check, dump (minimal), restore (minimal, same PID via ns_last_pid
 * like real CRIU; needs root). Without the CUDA plugin: a process whose GPU state is not
 * `checkpointed` cannot be dumped (GPU mappings), exactly the manual flow (cuda-checkpoint first, then criu dump).
 */
export const CRIU = bash`
ver="$(cfg criu_version)"
sub="@{1:-}"; [ $# -gt 0 ] && shift
case "$sub" in
  -V|--version) echo "Version: $ver"; exit 0;;
  check)
    if [ "$(cfg profile)" = container ] || [ "$(cfg criu_caps)" = 0 ]; then
      echo "Error (criu/crtools.c:279): CRIU needs to have the CAP_SYS_ADMIN or the CAP_CHECKPOINT_RESTORE capability: "
      echo "setcap cap_checkpoint_restore+eip $0"
      exit 1
    fi
    if [ "$(id -u)" -ne 0 ]; then echo "Error (criu/crtools.c:272): Running as non-root requires '--unprivileged'"; exit 1; fi
    if [ "$(cfg criu_check)" = fail ]; then
      echo "Error (criu/cr-check.c:1230): Kernel doesn't support PTRACE_O_SUSPEND_SECCOMP"
      echo "Does not look good."
      exit 1
    fi
    echo "Looks good."; exit 0;;
  dump|restore) ;;
  *) echo "Usage:"; echo "  criu dump|pre-dump -t PID [<options>]"; echo "  criu restore [<options>]"; echo "  criu check [--feature FEAT]"; exit 1;;
esac
if [ "$(cfg profile)" = container ] || [ "$(id -u)" -ne 0 ]; then
  echo "Error (criu/crtools.c:279): CRIU needs to have the CAP_SYS_ADMIN or the CAP_CHECKPOINT_RESTORE capability: "
  exit 1
fi
tree="" dir="." leave=0
while [ $# -gt 0 ]; do
  case "$1" in
    -t|--tree) shift; tree="@{1:-}";;
    -D|--images-dir) shift; dir="@{1:-}";;
    -R|--leave-running) leave=1;;
    -j|--shell-job|-d|--restore-detached|--tcp-established|--tcp-close|--link-remap) ;;
    -o|--log-file|-v*|--timeout|-L|--libdir) case "$1" in -v*) ;; *) shift;; esac;;
    *) ;;
  esac
  shift
done
[ -d "$dir" ] || { echo "Error (criu/crtools.c:330): Can't open images dir $dir: No such file or directory"; exit 1; }

if [ "$sub" = dump ]; then
  is_uint "$tree" || { echo "Error (criu/crtools.c:300): Tree pid not specified"; exit 1; }
  alive "$tree" || { echo "Error (criu/seize.c:1059): Can't seize $tree: No such process"; echo "Error (criu/cr-dump.c:2093): Dumping FAILED."; exit 1; }
  if registered "$tree"; then
    case "$(pget "$tree" state)" in running|locked)
      echo "Error (criu/proc_parse.c:734): Can't handle non-regular mapping on $tree's map 7f3a2c000000"
      echo "Error (criu/cr-dump.c:1524): Collect mappings (pid: $tree) failed with -1"
      echo "Error (criu/cr-dump.c:2093): Dumping FAILED."
      exit 1;;
    esac
  fi
  mem="$(pget "$tree" mem)"; mem="@{mem:-0}"
  {
    echo "pid=$tree"
    echo "cmd=$(pget "$tree" cmd)"
  } > "$dir/pstree.img"
  cp "$P/$tree" "$dir/cuda-state.img" 2>/dev/null || true
  # GPU memory was copied into the process's host memory by the checkpoint; the page image holds it.
  # Sparse zeros by default (cheap on disk); "random" writes incompressible bytes, as real memory is,
  # so a benchmark moves what a real image would.
  if [ "$(cfg dump_fill)" = random ]; then
    head -c "$(( mem * 1048576 ))" /dev/urandom > "$dir/pages-1.img"
  else
    truncate -s "$(( mem * 1048576 ))" "$dir/pages-1.img"
  fi
  echo "criu 4 emulated image" > "$dir/inventory.img"
  emu_sleep_ms "$(( 50 + mem * 1000 / 2048 ))"
  if [ "$leave" = 0 ]; then kill -9 "$tree" 2>/dev/null; pset "$tree" dumped 1; fi
  exit 0
fi

# restore
[ -f "$dir/pstree.img" ] || { echo "Error (criu/cr-restore.c:2447): Can't open pstree.img: No such file or directory"; echo "Error (criu/cr-restore.c:2585): Restoring FAILED."; exit 1; }
pid="$(sed -n 's/^pid=//p' "$dir/pstree.img")"
cmd="$(sed -n 's/^cmd=//p' "$dir/pstree.img")"
if alive "$pid"; then
  echo "Error (criu/cr-restore.c:1481): Can't fork for $pid: File exists"
  echo "Error (criu/cr-restore.c:2585): Restoring FAILED."
  exit 1
fi
mem="$(pget "$pid" mem)"
emu_sleep_ms "$(( 50 + @{mem:-0} * 1000 / 4096 ))"
got=""
for attempt in 1 2 3 4 5; do
  exec 8>>/tmp/.gpu-emu-ns_last_pid.lock; flock 8
  got="$(spawn_job "$cmd" "$pid")"
  flock -u 8; exec 8>&-
  [ "$got" = "$pid" ] && break
  [ -n "$got" ] && kill -9 "$got" 2>/dev/null
  got=""
done
if [ "$got" != "$pid" ]; then
  echo "Error (criu/cr-restore.c:1481): Can't fork for $pid: File exists"
  echo "Error (criu/cr-restore.c:2585): Restoring FAILED."
  exit 1
fi
cp "$dir/cuda-state.img" "$P/$pid" 2>/dev/null || true
pset "$pid" dumped 0
exit 0
`;

/** start-job: runs a real long-lived process and registers it as a CUDA process. Prints its PID. */
export const START_JOB = bash`
name="python3" mem=4096 gpu=0 busy=0 cmd="sleep infinity"
while [ $# -gt 0 ]; do
  case "$1" in
    --name) shift; name="$1";;
    --mem) shift; mem="$1";;
    --gpu) shift; gpu="$1";;
    --busy-ms) shift; busy="$1";;
    *) echo "usage: start-job [--name NAME] [--mem MiB] [--gpu INDEX] [--busy-ms MS]" >&2; exit 2;;
  esac
  shift
done
is_uint "$mem" && is_uint "$gpu" && is_uint "$busy" || { echo "start-job: numbers expected" >&2; exit 2; }
pid="$(spawn_job "$cmd")"
is_uint "$pid" || { echo "start-job: could not start the job" >&2; exit 1; }
{
  echo "name=$name"; echo "mem=$mem"; echo "gpu=$gpu"; echo "state=running"
  echo "busy_ms=$busy"; echo "cmd=$cmd"; echo "started=$(date +%s)"
} > "$P/$pid"
echo "$pid"
`;

/** gpu-emu: admin helper for the sandbox and tests (set knobs, list, stop all jobs). */
export const GPU_EMU = bash`
case "@{1:-}" in
  set) is_uint "@{2:-}" || exit 2; registered "$2" || { echo "no such job $2" >&2; exit 1; }; pset "$2" "$3" "@{4:-}";;
  get) pget "$2" "$3";;
  config) setcfg "$2" "@{3:-}";;
  list) for f in "$P"/*; do [ -f "$f" ] || continue; pid="@{f##*/}"; is_uint "$pid" || continue
          a=dead; alive "$pid" && a=alive; echo "$pid $(pget "$pid" state) $a $(pget "$pid" mem) $(pget "$pid" name)"; done;;
  stop-jobs) for f in "$P"/*; do [ -f "$f" ] || continue; pid="@{f##*/}"; is_uint "$pid" || continue
          alive "$pid" && kill -9 "$pid" 2>/dev/null; rm -f "$f"; done;;
  *) echo "usage: gpu-emu set PID KEY VALUE | get PID KEY | config KEY VALUE | list | stop-jobs" >&2; exit 2;;
esac
`;

/**
 * apt-get: only what the setup guide needs. Installing nvidia-driver-5xx upgrades the emulated
 * driver, except in a container profile where the host's kernel driver stays what it was.
 */
export const APT_GET = bash`
if [ "$(id -u)" -ne 0 ]; then
  echo "E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)"
  exit 100
fi
sub="@{1:-}"; [ $# -gt 0 ] && shift
case "$sub" in
  update)
    echo "Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease"
    echo "Hit:2 http://archive.ubuntu.com/ubuntu jammy-updates InRelease"
    echo "Reading package lists..."
    exit 0;;
  install)
    pkgs=""
    for a in "$@"; do case "$a" in -*) ;; *) pkgs="$pkgs $a";; esac; done
    echo "Reading package lists..."
    echo "Building dependency tree..."
    echo "Reading state information..."
    for p in $pkgs; do
      case "$p" in
        nvidia-driver-5[5-9][0-9]|nvidia-driver-6[0-9][0-9]) ;;
        *) echo "E: Unable to locate package $p"; exit 100;;
      esac
    done
    echo "The following NEW packages will be installed:"
    echo " $pkgs"
    for p in $pkgs; do
      br="@{p#nvidia-driver-}"
      case "$br" in 570) v=570.133.20 c=12.8;; 580) v=580.65.06 c=13.0;; 575) v=575.57.08 c=12.9;; 555) v=555.42.06 c=12.5;; 560) v=560.35.03 c=12.6;; 550) v=550.144.03 c=12.4;; *) v="$br.00.01" c=12.8;; esac
      emu_sleep_ms 200
      echo "Unpacking $p ($v-0ubuntu1) ..."
      echo "Setting up $p ($v-0ubuntu1) ..."
      if [ "$(cfg profile)" != container ]; then setcfg driver "$v"; setcfg cuda "$c"; fi
    done
    echo "Processing triggers for libc-bin (2.35-0ubuntu3.8) ..."
    exit 0;;
  *) echo "E: Invalid operation $sub"; exit 100;;
esac
`;

/** git: `git clone https://github.com/NVIDIA/cuda-checkpoint(.git) [dir]`; anything else goes to the real git. */
export const GIT = bash`
if [ "@{1:-}" = clone ]; then
  url="@{2:-}"; dest="@{3:-}"
  case "$url" in
    https://github.com/NVIDIA/cuda-checkpoint|https://github.com/NVIDIA/cuda-checkpoint.git)
      [ -n "$dest" ] || dest=cuda-checkpoint
      if [ -e "$dest" ] && [ -n "$(ls -A "$dest" 2>/dev/null)" ]; then
        echo "fatal: destination path '$dest' already exists and is not an empty directory." >&2; exit 128
      fi
      echo "Cloning into '$dest'..." >&2
      mkdir -p "$dest/bin/x86_64_Linux"
      cp "$(cfg lib_dir)/cuda-checkpoint" "$dest/bin/x86_64_Linux/cuda-checkpoint"
      chmod 755 "$dest/bin/x86_64_Linux/cuda-checkpoint"
      echo "# The cuda-checkpoint Utility" > "$dest/README.md"
      exit 0;;
  esac
fi
self="$(cd "$(dirname "$0")" && pwd)"
IFS=:; for d in $PATH; do
  [ "$d" = "$self" ] && continue
  [ -x "$d/git" ] && exec "$d/git" "$@"
done
echo "git: command not found" >&2
exit 127
`;
