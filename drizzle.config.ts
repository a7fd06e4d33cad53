import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed; both drivers (postgres.js and PGlite)
// apply the same SQL files at start-up through db/migrate.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
