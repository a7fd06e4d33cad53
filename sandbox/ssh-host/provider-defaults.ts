/**
 * What a sandbox machine looks like per provider, as each provider documents it:
 * the SSH user each cloud gives you and whether cuda-checkpoint can work there (the GPU emulator
 * profile). Kept apart from the server so the wiring and the tests agree on one table.
 */
import type { GpuProfile } from "@/sandbox/gpu-emulator";
import type { ProviderSlug } from "@/lib/providers/types";

/** SSH login user: RunPod/Vast.ai/HOSTKEY give root, Lambda `ubuntu` (sudo), TensorDock cloud-init `user`. */
export const SSH_USERNAMES: Record<ProviderSlug, string> = {
  runpod: "root",
  vastai: "root",
  hostkey: "root",
  lambda: "ubuntu",
  tensordock: "user",
};

export function sshUsernameFor(provider: ProviderSlug): string {
  return SSH_USERNAMES[provider];
}

/**
 * Emulator profile: VMs and bare metal (TensorDock, Lambda, HOSTKEY, Vast.ai VM offers) can
 * checkpoint; RunPod pods and Vast.ai Docker offers are unprivileged containers (no ptrace).
 */
export function profileFor(provider: ProviderSlug, kind?: "vm" | "container" | "bare-metal"): GpuProfile {
  if (kind === "container") return "container";
  if (kind === "vm" || kind === "bare-metal") return "ready";
  return provider === "runpod" || provider === "vastai" ? "container" : "ready";
}

/** Known GPU memory (MiB) for names that do not carry it ("RTX 4090", "H100 SXM"). */
const KNOWN_MIB: Array<[RegExp, number]> = [
  [/4090|3090|\bA10\b|A5000/i, 24564],
  [/3080/i, 10240],
  [/V100/i, 16384],
  [/H200/i, 143771],
];

/** GPU memory in MiB guessed from a provider's GPU name ("… 24GB", "A100 (40 GB SXM4)"); 80 GB by default. */
export function gpuMemoryMiBFor(gpuName: string): number {
  const m = /(\d{2,3})\s*GB/i.exec(gpuName);
  if (m) return Number(m[1]) * 1024;
  for (const [re, mib] of KNOWN_MIB) if (re.test(gpuName)) return mib;
  return 81559;
}
