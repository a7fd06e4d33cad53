export { PROBE_SCRIPT } from "./probe";
export { PROCESSES_SCRIPT } from "./processes";
export { CHECKPOINT_SCRIPT, RESTORE_SCRIPT } from "./operations";
export { SETUP_SCRIPT } from "./setup";
export { PACK_SCRIPT, UPLOAD_PARTS_SCRIPT, DOWNLOAD_SCRIPT, UNPACK_SCRIPT } from "./hibernate";
