import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/** `npm run db:migrate`: the same migrations the server runs at start-up. */
const started = Date.now();
const handle = dbHandle();
try {
  await runMigrations(handle);
  console.info(JSON.stringify({ migrated: true, database: handle.kind, ms: Date.now() - started }));
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
