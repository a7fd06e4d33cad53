/** "ssh-ed25519 AAAA... comment" → "ssh-ed25519 AAAA...": a key without its comment, for comparing keys. */
export function sshKeyBody(publicKey: string): string {
  return publicKey.trim().split(/\s+/).slice(0, 2).join(" ");
}
