import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL here; the app applies it itself (scripts/migrate.ts and
// instrumentation) so that PGlite and PostgreSQL run the very same files.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/lib/db/schema/*.ts",
  out: "./drizzle",
  casing: "snake_case",
});
