// The brief's "TensorDock setup for DumontCloud", step by step.

export interface SetupStep {
  title: string;
  text?: string;
  link?: { href: string; label: string };
  bullets?: string[];
  /** Shell commands, each copyable on its own; comments are kept as the brief writes them. */
  commands?: { comment?: string; lines: string[] }[];
}

export const TENSORDOCK_SETUP: SetupStep[] = [
  {
    title: "Create an account",
    link: { href: "https://dashboard.tensordock.com/register", label: "https://dashboard.tensordock.com/register" },
  },
  { title: "Add an SSH key", text: "Account Settings → SSH Keys → Add your ~/.ssh/id_rsa.pub" },
  {
    title: "Deploy a VM",
    bullets: [
      "Location: any",
      "GPU: V100 or RTX 4090 (for tests)",
      "OS: Ubuntu 22.04",
      "SSH Key: select the one you added",
    ],
  },
  {
    title: "Initial setup",
    commands: [
      { comment: "Connect", lines: ["ssh user@<IP>"] },
      {
        comment: "Install driver 570",
        lines: ["sudo apt-get update", "sudo apt-get install -y nvidia-driver-570", "sudo reboot"],
      },
      { comment: "Clone cuda-checkpoint", lines: ["git clone https://github.com/NVIDIA/cuda-checkpoint.git"] },
      { comment: "Test", lines: ["~/cuda-checkpoint/bin/x86_64_Linux/cuda-checkpoint --help"] },
    ],
  },
  {
    title: "Destroy when you are done",
    text: "IMPORTANT: destroy the VM in the dashboard to stop billing! Stop only reduces billing, it does not end it.",
  },
];
