import { pgTable, text, integer, index } from "drizzle-orm/pg-core";
import { at, createdAt } from "./columns";

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name"),
  // argon2id hash; never selected into anything that reaches a client.
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
});

/**
 * Failed sign-in attempts, per key ("email:<address>" or "ip:<address>"). Kept in the database, not in
 * memory, so that several web processes slow down the same attacker.
 */
export const authThrottle = pgTable(
  "auth_throttle",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    firstFailureAt: at("first_failure_at").notNull().defaultNow(),
    blockedUntil: at("blocked_until"),
  },
  (t) => [index("auth_throttle_blocked_idx").on(t.blockedUntil)],
);

/** The owner of a row: every user-facing table carries it, and deleting the account deletes the row. */
export function ownerId() {
  return text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });
}
