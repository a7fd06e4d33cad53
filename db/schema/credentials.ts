import { pgTable, text, uniqueIndex, index } from "drizzle-orm/pg-core";
import { ownerId } from "./users";
import { at, createdAt } from "./columns";

/** A provider API key per user and provider, sealed with AES-256-GCM (lib/crypto/seal.ts). */
export const providerCredentials = pgTable(
  "provider_credentials",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    provider: text("provider").notNull(),
    sealedKey: text("sealed_key").notNull(),
    /** The only part of the key ever shown again. */
    last4: text("last4").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("provider_credentials_user_provider").on(t.userId, t.provider)],
);

/** SSH keys: generated pairs (private half sealed, for the app's own agent) or registered public keys. */
export const sshKeys = pgTable(
  "ssh_keys",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    name: text("name").notNull(),
    publicKey: text("public_key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** Null for a registered public key: the agent cannot use it, the user's own ssh can. */
    sealedPrivateKey: text("sealed_private_key"),
    createdAt: createdAt(),
  },
  (t) => [index("ssh_keys_user").on(t.userId)],
);

/** Personal API tokens: shown once, stored as a SHA-256 hash, revocable. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: ownerId(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** First characters, to tell tokens apart in the list ("dcl_ab12…"). */
    prefix: text("prefix").notNull(),
    createdAt: createdAt(),
    lastUsedAt: at("last_used_at"),
    revokedAt: at("revoked_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);
