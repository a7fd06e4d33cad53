// Real SSH endpoints for sandbox machines (ssh2 servers on loopback running the GPU emulator).
export {
  startSandboxSshHost,
  parseAuthorizedKeys,
  DEFAULT_JOBS,
  SHELL_REFUSED_MESSAGE,
  type SandboxSshHost,
  type StartSandboxSshHostOptions,
  type AddMachineOptions,
  type SshMachineEndpoint,
  type SshMachineInfo,
  type SandboxJobSpec,
} from "./start-ssh-host";
export {
  sandboxSshOptions,
  attachSshHost,
  startSandboxWithSsh,
  sandboxMachineKey,
  type SandboxWithSsh,
  type SandboxSshWiringOptions,
} from "./sandbox-wiring";
export { profileFor, sshUsernameFor, gpuMemoryMiBFor, SSH_USERNAMES } from "./provider-defaults";
export { killMachineProcesses, pidsWithEnv } from "./machine-processes";
