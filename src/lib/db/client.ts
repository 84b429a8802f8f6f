import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { env } from "@/env";
import { log } from "@/lib/log";
import * as schema from "./schema";

/** Both drivers are PgDatabase underneath; app code only sees this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Handle = { db: Db; kind: "pg" | "pglite"; close: () => Promise<void>; pool?: pg.Pool; pglite?: PGlite };

// One handle per process; globalThis survives Next's dev reloads and duplicated bundles.
const g = globalThis as unknown as { __switchboardDb?: Handle };

export function pgliteDir(): string {
  return env.DATA_DIR === "memory://" ? "memory://" : path.resolve(env.DATA_DIR, "pglite");
}

/** Opens the configured database. Synchronous: both drivers queue queries until ready. */
export function openDb(options: { url?: string; dataDir?: string } = {}): Handle {
  const url = options.url ?? env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client whose server connection dies (a restart, a dropped test database) emits
    // "error" on the pool; without a listener that would crash the process. The pool replaces it.
    pool.on("error", (err) => log.warn({ err: err.message }, "idle PostgreSQL connection lost"));
    const db = drizzlePg(pool, { schema, casing: "snake_case" }) as unknown as Db;
    return { db, kind: "pg", pool, close: () => pool.end() };
  }
  const dir = options.dataDir ?? pgliteDir();
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  // pg_trgm backs call history's "number contains" index (drizzle/0004_cdr_trgm.sql).
  const pglite = new PGlite(dir, { extensions: { pg_trgm } });
  const db = drizzlePglite(pglite, { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "pglite", pglite, close: () => pglite.close() };
}

export function dbHandle(): Handle {
  g.__switchboardDb ??= openDb();
  return g.__switchboardDb;
}

/** Tests swap in a fresh database per file. */
export function setDbHandle(handle: Handle | undefined): void {
  g.__switchboardDb = handle;
}

/** Lazy: nothing opens a database until the first query (keeps `next build` side-effect free). */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = dbHandle().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
