// The local GPU-cloud simulator (see ARCHITECTURE.md, "The sandbox"). Start it with startSandbox(), or `npx tsx sandbox/main.ts`.
export { startSandbox, SANDBOX_API_PATHS, DEFAULT_LIMITS, type Sandbox } from "./server";
export { parseFaults, DEFAULT_FAULTS } from "./faults";
export type {
  Faults,
  FaultKind,
  QueuedFault,
  SandboxOptions,
  SandboxLimits,
  SandboxInstanceInfo,
  SandboxSnapshot,
  ChargeLine,
  SshEndpointHook,
} from "./types";
