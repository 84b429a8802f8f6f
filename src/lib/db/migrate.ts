import path from "node:path";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { dbHandle } from "./client";

const MIGRATIONS = path.resolve(process.cwd(), "drizzle");
/** Arbitrary constant: serialises migrations across the app, the listener and scripts. */
const MIGRATION_LOCK = 727_001;

const g = globalThis as unknown as { __switchboardMigrated?: Promise<void> };

/** Runs drizzle/ migrations once per process, on whichever database is configured. */
export function runMigrations(handle = dbHandle()): Promise<void> {
  if (handle === dbHandle() && g.__switchboardMigrated) return g.__switchboardMigrated;
  const run = (async () => {
    if (handle.kind === "pglite") {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS });
      return;
    }
    // A session-level advisory lock on one pooled connection: concurrent starters wait, then no-op.
    const client = await handle.pool!.connect();
    try {
      await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
      const { drizzle } = await import("drizzle-orm/node-postgres");
      await migratePg(drizzle(client) as NodePgDatabase, { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  })();
  if (handle === dbHandle()) g.__switchboardMigrated = run;
  return run;
}

export async function pingDb(handle = dbHandle()): Promise<boolean> {
  try {
    await handle.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
