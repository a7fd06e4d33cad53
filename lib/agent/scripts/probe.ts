import { bash } from "./bash";
import { SCRIPT_COMMON } from "./common";

/**
 * Read-only readiness probe. Capabilities come from /proc/self/status of the
 * shell's own children; DUMONT_PROC_STATUS overrides that path and exists ONLY so the GPU
 * emulator can present a profile's capabilities (a test sshd's real status cannot be faked).
 */
export const PROBE_SCRIPT =
  SCRIPT_COMMON +
  bash`
printf '@@begin probe v1\n'
emit kernel "$(uname -r)"
emit arch "$(uname -m)"
emit uid "$(id -u)"
emit user "$(id -un 2>/dev/null)"
emit sudo "$([ -n "$SUDO" ] && echo 1 || echo 0)"
ps_path="@{DUMONT_PROC_STATUS:-/proc/self/status}"
emit proc_status_path "$ps_path"
run_section proc_status grep -E '^(CapEff|CapPrm|Seccomp|Seccomp_filters|NoNewPrivs):' "$ps_path"
emit ptrace_scope "$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null)"
emit mem_total_kb "$(awk '/^MemTotal:/{print $2}' /proc/meminfo 2>/dev/null)"
emit mem_available_kb "$(awk '/^MemAvailable:/{print $2}' /proc/meminfo 2>/dev/null)"
smi="$(command -v nvidia-smi 2>/dev/null)"
emit nvidia_smi "$smi"
if [ -n "$smi" ]; then
  run_section gpus nvidia-smi --query-gpu=index,uuid,name,driver_version,memory.total,memory.used,persistence_mode,mig.mode.current,pci.bus_id --format=csv,noheader,nounits
  smi_head() { nvidia-smi 2>&1 | head -n 4; }
  run_section smi_header smi_head
fi
[ -r /proc/driver/nvidia/version ] && run_section driver_proc head -n 1 /proc/driver/nvidia/version
cc="$(find_cc)"
emit cuda_checkpoint "$cc"
[ -n "$cc" ] && run_section cc_help "$cc" --help
criu_bin="$(command -v criu 2>/dev/null)"
[ -z "$criu_bin" ] && [ -x /usr/sbin/criu ] && criu_bin=/usr/sbin/criu
emit criu "$criu_bin"
if [ -n "$criu_bin" ]; then
  run_section criu_version "$criu_bin" --version
  run_section criu_check $SUDO "$criu_bin" check
fi
emit criu_cuda_plugin "$(ls /usr/lib/criu/cuda_plugin.so /usr/local/lib/criu/cuda_plugin.so 2>/dev/null | head -n 1)"
printf '@@end rc=0\n'
`;
