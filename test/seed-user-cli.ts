// Creates a user with an API token and a generated SSH key (private half sealed, as the app does), and
// prints them as JSON. For tests and benchmarks that drive the app from outside over HTTP:
//   DATABASE_URL=… DUMONT_SECRET_KEY=… node --import tsx --conditions=react-server test/seed-user-cli.ts
import { closeDb, getDb } from "@/db";
import { migrate } from "@/db/migrate";
import { createApiToken, generateSshKey } from "@/lib/settings";
import { createTestUser } from "./test-users";

async function main() {
  await migrate();
  const db = await getDb();
  const userId = await createTestUser(db, process.argv[2] ?? "seeded");
  const key = await generateSshKey(db, userId, { name: "seeded" });
  const token = await createApiToken(db, userId, { name: "seeded" });
  process.stdout.write(`${JSON.stringify({ userId, token: token.plaintext, sshKeyId: key.id })}\n`);
  await closeDb();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
