/** An SSH key as the browser may see it: the public half only. */
export interface SshKeyDto {
  id: string;
  name: string;
  /** One OpenSSH line: "ssh-ed25519 AAAA… comment". */
  publicKey: string;
  /** "SHA256:…", as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** "generated": the app holds the sealed private half for its agent; "registered": public half only. */
  kind: "generated" | "registered";
  /** False when the sealed private half can no longer be opened (the secret key changed). */
  privateKeyReadable: boolean;
  createdAt: Date;
}
