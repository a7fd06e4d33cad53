/**
 * Makes sure OpenSSH's sshd and ssh-keygen exist for the agent's integration tests. When they
 * are missing it prints one line saying what to install, and installs openssh-server itself
 * when running as root with apt-get available (a clean CI container).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";

export interface SshBinaries {
  sshd: string;
  sshKeygen: string;
  /** OpenSSH client, if installed (the bench compares against it). */
  ssh: string | null;
}

const SSHD_PATHS = ["/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd"];

function which(cmd: string): string | null {
  const r = spawnSync("sh", ["-c", 'command -v "$1"', "sh", cmd], { encoding: "utf8" });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : null;
}

function find(): SshBinaries | null {
  const sshd = SSHD_PATHS.find((p) => existsSync(p)) ?? null;
  const sshKeygen = which("ssh-keygen");
  if (!sshd || !sshKeygen) return null;
  return { sshd, sshKeygen, ssh: which("ssh") };
}

let cached: SshBinaries | null = null;

export function ensureSshd(): SshBinaries {
  if (cached) return cached;
  let found = find();
  if (!found) {
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    const apt = which("apt-get");
    console.warn(
      `[agent tests] OpenSSH server not found: apt-get install -y openssh-server is needed${isRoot && apt ? " (installing it now)" : ""}`,
    );
    if (isRoot && apt) {
      const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      try {
        execFileSync(apt, ["install", "-y", "--no-install-recommends", "openssh-server", "openssh-client"], {
          env,
          stdio: "ignore",
        });
      } catch {
        execFileSync(apt, ["update"], { env, stdio: "ignore" });
        execFileSync(apt, ["install", "-y", "--no-install-recommends", "openssh-server", "openssh-client"], {
          env,
          stdio: "ignore",
        });
      }
      found = find();
    }
  }
  if (!found) throw new Error("OpenSSH server not found: apt-get install -y openssh-server");
  // sshd started as root insists on its privilege-separation directory.
  if (typeof process.getuid === "function" && process.getuid() === 0 && !existsSync("/run/sshd")) {
    mkdirSync("/run/sshd", { mode: 0o755, recursive: true });
  }
  cached = found;
  return found;
}
