// Typed errors of the sealing layer. Their messages are safe to show: they never contain a secret.

/** The value was sealed with a different secret key (DUMONT_SECRET_KEY changed, or .data/secret-key was lost). */
export class SecretKeyLostError extends Error {
  readonly code = "secret_key_lost" as const;
  constructor() {
    super("Stored keys can no longer be read (the secret key changed). Enter them again.");
    this.name = "SecretKeyLostError";
  }
}

/** The sealed text was altered, truncated, or bound to another record: it fails authentication. */
export class SealedValueCorruptError extends Error {
  readonly code = "sealed_value_corrupt" as const;
  constructor(reason: string) {
    super(`A stored secret is damaged and cannot be read (${reason}). Enter it again.`);
    this.name = "SealedValueCorruptError";
  }
}

/** DUMONT_SECRET_KEY is set but is not 32 bytes in base64 or hex: refuse to start rather than guess. */
export class SecretKeyConfigError extends Error {
  readonly code = "secret_key_config" as const;
  constructor(detail: string) {
    super(
      `DUMONT_SECRET_KEY is not usable: ${detail}. It must be 32 random bytes written as base64 (44 characters) ` +
        "or hex (64 characters), for example the output of `openssl rand -base64 32`. " +
        "Leave it unset to have one generated into the data folder.",
    );
    this.name = "SecretKeyConfigError";
  }
}

export function isSecretKeyLostError(e: unknown): e is SecretKeyLostError {
  return e instanceof SecretKeyLostError;
}
