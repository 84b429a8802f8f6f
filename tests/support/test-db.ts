import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDb, setDbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";

/**
 * One fresh database per test file: in-memory PGlite by default, or a new PostgreSQL database
 * on the DATABASE_URL server (created here, dropped afterwards) when DATABASE_URL is set.
 */
export async function createTestDb() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = openDb({ dataDir: "memory://" });
    await runMigrations(handle);
    return { handle, drop: () => handle.close() };
  }
  const name = `sbtest_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // Identifiers cannot be bound parameters; the name is generated above and escaped anyway.
  await admin.query(`create database ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = openDb({ url: url.toString() });
  await runMigrations(handle);
  return {
    handle,
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`);
      await c.end();
    },
  };
}

export async function useTestDb() {
  const db = await createTestDb();
  setDbHandle(db.handle);
  return db;
}
