import { bash } from "./bash";
import { SCRIPT_COMMON } from "./common";

/**
 * What the seed guide does by hand: driver 570+, cuda-checkpoint, persistence mode. Streams
 * each tool's output as it runs ("| " lines between "@@section step ..." markers).
 */
export const SETUP_SCRIPT =
  SCRIPT_COMMON +
  bash`
printf '@@begin setup v1\n'
[ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ] || abort needs_root "run as root or give the user passwordless sudo"
export DEBIAN_FRONTEND=noninteractive
step() { printf '@@section step name=%s\n' "$1"; }
stream() { "$@" 2>&1 | sed -u 's/^/| /'; return "@{PIPESTATUS[0]}"; }
result() { printf '@@section result name=%s rc=%s\n' "$1" "$2"; }
failed=0
drv="$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -n 1)"
emit driver_before "$drv"
major="@{drv%%.*}"
if is_uint "$major" && [ "$major" -ge 570 ]; then
  step driver; printf '| driver %s is already 570 or newer\n' "$drv"; result driver 0
elif command -v apt-get >/dev/null 2>&1; then
  step apt_update; stream $SUDO apt-get update; rc=$?; result apt_update "$rc"
  step driver; stream $SUDO apt-get install -y nvidia-driver-570; rc=$?; result driver "$rc"
  [ "$rc" -eq 0 ] || failed=1
else
  step driver; printf '| apt-get not found: install NVIDIA driver 570 or newer by hand\n'; result driver 127; failed=1
fi
cc="$(find_cc)"
if [ -n "$cc" ]; then
  step cuda_checkpoint; printf '| found %s\n' "$cc"; result cuda_checkpoint 0
else
  step cuda_checkpoint
  if [ -d "$HOME/cuda-checkpoint/.git" ] || [ -d "$HOME/cuda-checkpoint/bin" ]; then
    printf '| %s exists but has no x86_64 binary\n' "$HOME/cuda-checkpoint"; rc=1
  else
    stream git clone https://github.com/NVIDIA/cuda-checkpoint.git "$HOME/cuda-checkpoint"; rc=$?
  fi
  result cuda_checkpoint "$rc"
  [ "$rc" -eq 0 ] || failed=1
  cc="$(find_cc)"
fi
if [ -n "$cc" ]; then step cc_help; stream "$cc" --help; result cc_help "$?"; fi
step persistence; stream $SUDO nvidia-smi -pm 1; rc=$?; result persistence "$rc"
[ "$rc" -eq 0 ] || failed=1
drv="$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -n 1)"
emit driver_after "$drv"
[ -f /var/run/reboot-required ] && emit reboot_required 1 || emit reboot_required 0
printf '@@end rc=%s\n' "$failed"
`;
