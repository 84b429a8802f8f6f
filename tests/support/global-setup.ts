import pg from "pg";

/**
 * Fails the run at once when DATABASE_URL or REDIS_URL is set but unreachable: under CI a
 * required service that is down must fail loudly, never be skipped.
 */
export default async function setup() {
  if (process.env.DATABASE_URL) {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000 });
    try {
      await c.connect();
      await c.query("select 1");
    } catch (error) {
      throw new Error(`DATABASE_URL is set but PostgreSQL is unreachable: ${(error as Error).message}`);
    } finally {
      await c.end().catch(() => {});
    }
  }
  if (process.env.REDIS_URL) {
    const { Redis } = await import("ioredis");
    const r = new Redis(process.env.REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
    });
    try {
      await r.connect();
      await r.ping();
    } catch (error) {
      throw new Error(`REDIS_URL is set but Redis is unreachable: ${(error as Error).message}`);
    } finally {
      r.disconnect();
    }
  }
}
