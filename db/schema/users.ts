import { pgTable, text, timestamp, integer, index } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name"),
  // argon2id hash; never selected into anything that reaches a client.
  passwordHash: text("password_hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
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
    firstFailureAt: timestamp("first_failure_at", { withTimezone: true }).notNull().defaultNow(),
    blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  },
  (t) => [index("auth_throttle_blocked_idx").on(t.blockedUntil)],
);
