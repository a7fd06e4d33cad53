import { bash } from "../bash";

/** Emulated nvidia-smi: plain header, -L, -pm, --query-gpu, --query-compute-apps (CSV). */
export const NVIDIA_SMI = bash`
driver="$(cfg driver)"
if [ -z "$driver" ]; then
  echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."
  exit 9
fi
count="$(cfg gpu_count)"; count="@{count:-1}"
name="$(cfg gpu_name)"; total="$(cfg gpu_mem)"
pm="$(cfg persistence)"; pm="@{pm:-Disabled}"
mig="$(cfg mig)"; mig="@{mig:-[N/A]}"

query_gpu="" query_apps="" format="" pm_set="" list=0 idx=""
while [ $# -gt 0 ]; do
  case "$1" in
    --query-gpu=*) query_gpu="@{1#*=}";;
    --query-compute-apps=*) query_apps="@{1#*=}";;
    --format=*) format="@{1#*=}";;
    -pm|--persistence-mode) shift; pm_set="@{1:-}";;
    --persistence-mode=*) pm_set="@{1#*=}";;
    -L|--list-gpus) list=1;;
    -i|--id) shift; idx="@{1:-}";;
    -h|--help) echo "NVIDIA System Management Interface -- v$driver"; exit 0;;
    *) echo "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help."; exit 2;;
  esac
  shift
done

gpu_field() { # index field units(1/0)
  local i="$1" f="$2" u="$3" used
  case "$f" in
    index) echo "$i";;
    uuid|gpu_uuid) cfg "gpu_uuid_$i";;
    name|gpu_name) echo "$name";;
    driver_version) echo "$driver";;
    memory.total) [ "$u" = 1 ] && echo "$total MiB" || echo "$total";;
    memory.used) used="$(gpu_used "$i")"; [ "$u" = 1 ] && echo "$used MiB" || echo "$used";;
    memory.free) used="$(gpu_used "$i")"; [ "$u" = 1 ] && echo "$((total - used)) MiB" || echo "$((total - used))";;
    persistence_mode) echo "$pm";;
    mig.mode.current) echo "$mig";;
    pci.bus_id|gpu_bus_id) cfg "gpu_bus_$i";;
    utilization.gpu) [ "$u" = 1 ] && echo "0 %" || echo "0";;
    temperature.gpu) echo "32";;
    *) return 1;;
  esac
}
gpu_header() {
  case "$1" in
    memory.total|memory.used|memory.free) echo "$1 [MiB]";;
    utilization.gpu) echo "utilization.gpu [%]";;
    *) echo "$1";;
  esac
}
csv_opts() { # sets noheader / units
  noheader=0; units=1
  case ",$format," in *,csv,*) ;; *) echo "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help."; exit 2;; esac
  case ",$format," in *,noheader,*) noheader=1;; esac
  case ",$format," in *,nounits,*) units=0;; esac
}

if [ -n "$pm_set" ]; then
  if [ "$(id -u)" -ne 0 ] || [ "$(cfg profile)" = container ]; then
    i=0; while [ "$i" -lt "$count" ]; do
      echo "Unable to set persistence mode for GPU $(cfg "gpu_bus_$i"): Insufficient Permissions"; i=$((i + 1)); done
    echo "Terminating early due to previous errors."
    exit 4
  fi
  case "$pm_set" in 1|ENABLED|Enabled) new=Enabled;; 0|DISABLED|Disabled) new=Disabled;; *)
    echo "Invalid combination of input arguments. Please run 'nvidia-smi -h' for help."; exit 2;; esac
  setcfg persistence "$new"
  i=0; while [ "$i" -lt "$count" ]; do
    [ "$new" = Enabled ] && echo "Enabled Legacy persistence mode for GPU $(cfg "gpu_bus_$i")." \
      || echo "Disabled persistence mode for GPU $(cfg "gpu_bus_$i")."
    i=$((i + 1)); done
  echo "All done."
  exit 0
fi

if [ "$list" = 1 ]; then
  i=0; while [ "$i" -lt "$count" ]; do
    echo "GPU $i: $name (UUID: $(cfg "gpu_uuid_$i"))"; i=$((i + 1)); done
  exit 0
fi

if [ -n "$query_gpu" ]; then
  csv_opts
  IFS=, read -r -a fields <<< "$query_gpu"
  for f in "@{fields[@]}"; do
    gpu_field 0 "$f" 0 > /dev/null || { echo "Field \"$f\" is not a valid field to query."; echo; exit 2; }
  done
  if [ "$noheader" = 0 ]; then
    line=""; for f in "@{fields[@]}"; do h="$(gpu_header "$f")"; line="@{line:+$line, }$h"; done; echo "$line"
  fi
  i=0; while [ "$i" -lt "$count" ]; do
    if [ -z "$idx" ] || [ "$idx" = "$i" ]; then
      line=""; for f in "@{fields[@]}"; do v="$(gpu_field "$i" "$f" "$units")"; line="@{line:+$line, }$v"; done; echo "$line"
    fi
    i=$((i + 1)); done
  exit 0
fi

if [ -n "$query_apps" ]; then
  csv_opts
  IFS=, read -r -a fields <<< "$query_apps"
  for f in "@{fields[@]}"; do
    case "$f" in pid|process_name|name|used_memory|used_gpu_memory|gpu_uuid|gpu_name|gpu_bus_id|gpu_serial) ;;
      *) echo "Field \"$f\" is not a valid field to query."; echo; exit 2;; esac
  done
  if [ "$noheader" = 0 ]; then
    line=""; for f in "@{fields[@]}"; do
      case "$f" in used_memory|used_gpu_memory) h="used_gpu_memory [MiB]";; name) h="process_name";; *) h="$f";; esac
      line="@{line:+$line, }$h"; done; echo "$line"
  fi
  for pid in $(gpu_pids); do
    g="$(pget "$pid" gpu)"; g="@{g:-0}"
    if [ -n "$idx" ] && [ "$idx" != "$g" ]; then continue; fi
    line=""; for f in "@{fields[@]}"; do
      case "$f" in
        pid) v="$pid";;
        process_name|name) v="$(pget "$pid" name)";;
        used_memory|used_gpu_memory) v="$(pget "$pid" mem)"; [ "$units" = 1 ] && v="$v MiB";;
        gpu_uuid) v="$(cfg "gpu_uuid_$g")";;
        gpu_name) v="$name";;
        gpu_bus_id) v="$(cfg "gpu_bus_$g")";;
        gpu_serial) v="[N/A]";;
      esac
      line="@{line:+$line, }$v"; done
    echo "$line"
  done
  exit 0
fi

# Plain nvidia-smi
cuda="$(cfg cuda)"
date '+%a %b %e %H:%M:%S %Y'
echo "+-----------------------------------------------------------------------------------------+"
printf '| NVIDIA-SMI %-22s Driver Version: %-14s CUDA Version: %-9s|\n' "$driver" "$driver" "$cuda"
echo "|-----------------------------------------+------------------------+----------------------+"
echo "| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |"
echo "| Fan  Temp   Perf          Pwr:Usage/Cap |           Memory-Usage | GPU-Util  Compute M. |"
echo "|                                         |                        |               MIG M. |"
echo "|=========================================+========================+======================|"
i=0; while [ "$i" -lt "$count" ]; do
  [ "$pm" = Enabled ] && pms=On || pms=Off
  printf '| %3d  %-28s %6s | %-18s Off | %20s |\n' "$i" "$name" "$pms" "$(cfg "gpu_bus_$i")" "0"
  printf '| N/A   32C    P0             70W /  700W | %9sMiB / %6sMiB |      0%%      Default |\n' "$(gpu_used "$i")" "$total"
  printf '|                                         |                        | %20s |\n' "$( [ "$mig" = Enabled ] && echo Enabled || echo Disabled )"
  echo "+-----------------------------------------+------------------------+----------------------+"
  i=$((i + 1)); done
echo
echo "+-----------------------------------------------------------------------------------------+"
echo "| Processes:                                                                              |"
echo "|  GPU   GI   CI              PID   Type   Process name                        GPU Memory |"
echo "|        ID   ID                                                               Usage      |"
echo "|=========================================================================================|"
pids="$(gpu_pids)"
if [ -z "$pids" ]; then
  echo "|  No running processes found                                                             |"
else
  for pid in $pids; do
    printf '|  %3s   N/A  N/A  %15s      C   %-34s %7sMiB |\n' "$(pget "$pid" gpu)" "$pid" "$(pget "$pid" name)" "$(pget "$pid" mem)"
  done
fi
echo "+-----------------------------------------------------------------------------------------+"
`;
