import crypto from "node:crypto";
import type { Db } from "@/db";
import { insertUser } from "@/db/queries/users";

/** A user row to own test data (the password hash is a placeholder: these users never sign in). */
export async function createTestUser(db: Db, label = "user", id: string = crypto.randomUUID()): Promise<string> {
  await insertUser(db, { id, email: `${label}-${id.slice(0, 8)}@example.com`, name: label, passwordHash: "x" });
  return id;
}
