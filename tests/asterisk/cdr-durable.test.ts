import { inArray } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmiClient } from "@/lib/asterisk/ami/ami-client";
import { openDb, setDbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { listCalls } from "@/lib/db/queries/calls";
import { cdr } from "@/lib/db/schema/live";
import { callFiltersSchema } from "@/lib/validations/calls";
import { asterisk } from "./env";
import { cli, waitFor } from "./helpers";

/**
 * The durable CDR path against a real Asterisk: with no listener running at all, N real calls
 * still reach the `cdr` table through cdr_pgsql and are found by the call-history search.
 *
 * cdr_pgsql can't follow a per-test database, so it writes to a fixed one, CDR_TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/switchboard_cdr_test), which this test creates
 * afresh and migrates on every run. Asterisk's cdr_pgsql.conf must point at it (README: "Tests against
 * a real Asterisk"); the test (re)loads the module so it reads the migrated table's columns.
 */
const CALLS = 3;
const url = process.env.CDR_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/switchboard_cdr_test";
const run = String(Date.now()).slice(-6);
const numbers = Array.from({ length: CALLS }, (_, i) => `77${run}${i}`);

let handle: ReturnType<typeof openDb>;
let ami: AmiClient;

beforeAll(async () => {
  await ensureDatabase(url);
  handle = openDb({ url });
  await runMigrations(handle);
  setDbHandle(handle);
  const status = await cli("module show like cdr_pgsql.so");
  await cli(
    /Running/.test(status) && !/Not Running/.test(status)
      ? "module reload cdr_pgsql.so"
      : "module load cdr_pgsql.so",
  );
  const loaded = await cli("module show like cdr_pgsql.so");
  if (!/\bRunning\b/.test(loaded) || /Not Running/.test(loaded))
    throw new Error(
      "cdr_pgsql.so did not load: point its cdr_pgsql.conf at CDR_TEST_DATABASE_URL (see README)",
    );
  ami = new AmiClient({ ...asterisk.ami, events: "off", reconnect: false });
  await ami.connect();
});

afterAll(async () => {
  await ami?.close();
  await handle?.db.delete(cdr).where(inArray(cdr.src, numbers));
  setDbHandle(undefined);
  await handle?.close();
});

describe("durable CDRs with the listener down", () => {
  it(`stores all ${CALLS} real calls through cdr_pgsql, searchable in call history`, async () => {
    for (const number of numbers) {
      await ami.action("Originate", {
        Channel: "Local/9998@sb-internal",
        Application: "Wait",
        Data: "1",
        CallerID: `"Durable <script>" <${number}>`,
        Async: "true",
        Timeout: "10000",
      });
    }
    const rows = await waitFor(
      "cdr_pgsql rows for every call",
      async () => {
        const found = await handle.db.select().from(cdr).where(inArray(cdr.src, numbers));
        return new Set(found.filter((r) => r.callHead).map((r) => r.src)).size === CALLS && found;
      },
      30_000,
    );
    expect(rows.every((r) => r.origin === "pgsql")).toBe(true);
    for (const r of rows) {
      expect(r.linkedid).not.toBe("");
      expect(Math.abs(r.calldate.getTime() - Date.now())).toBeLessThan(120_000);
    }
    for (const number of numbers) {
      const page = await listCalls({
        filters: callFiltersSchema.parse({ preset: "today", q: number }),
        scope: { kind: "all" },
      });
      expect(page.rows, number).toHaveLength(1);
      expect(page.rows[0]).toMatchObject({ src: number, clid: `"Durable <script>" <${number}>` });
      expect(page.rows[0]?.legs).toBeGreaterThanOrEqual(1);
    }
  });
});

async function ensureDatabase(target: string) {
  const name = new URL(target).pathname.slice(1);
  const admin = new URL(target);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // Fresh every run: a database migrated by older code would not match this schema. cdr_pgsql's
    // own connection goes with it (force) and comes back when the module reloads below.
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
