import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCallerList } from "@/app/(admin)/caller-lists/actions";
import { importDidsChunk, previewDidImport } from "@/app/(admin)/dids/import/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getDidById, listDids } from "@/lib/db/queries/inbound";
import { callerListAssignments, dids } from "@/lib/db/schema/inbound";
import { DID_CSV_TEMPLATE, readDidCsv } from "@/lib/routing/did-csv";
import { countRows, insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let spamId: string;

beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
  await insertExtension({ number: "201" });
  await insertExtension({ number: "202", voicemailEnabled: true, voicemailPin: "1234" });
  const spam = await createCallerList({ name: "Spam", kind: "block", description: "" });
  if (!spam.ok) throw new Error("list");
  spamId = spam.data.id;
});
afterAll(async () => {
  await testDb.drop();
});

const CSV = [
  "number,description,trunk,destination_type,destination_target,lists",
  "+15550001,Main,carrier-a,extension,201,Spam",
  "+15550002,Voicemail line,,voicemail,202,",
  "+15550003,Bad box,,voicemail,201,",
  "+15550001,Repeated,,hangup,,",
  "+1 555 0004,Spaced,,hangup,,",
  "not-a-number,Bad,,extension,201,",
  "+15550005,Bad trunk,carrier a,extension,201,",
  "+15550006,Unknown list,,extension,201,Nope|Spam",
  "+15550007,Unknown type,,teleport,201,",
  "+15550008,Missing queue,,queue,999,",
].join("\r\n");

describe("DID CSV import", () => {
  it("previews every row with its errors by column, and writes nothing", async () => {
    const before = await countRows();
    const r = await previewDidImport({ csv: CSV });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const byLine = new Map(
      r.data.rows.map((row) => [row.line, row.errors.map((e) => `${e.column}: ${e.message}`)]),
    );
    expect(byLine.get(2)).toEqual([]);
    expect(byLine.get(3)).toEqual([]);
    expect(byLine.get(4)?.[0]).toMatch(/^destination_target: Extension 201 has no voicemail box/);
    expect(byLine.get(5)?.[0]).toMatch(/^number: \+15550001 is also on line 2/);
    expect(byLine.get(6)).toEqual([]);
    expect(byLine.get(7)?.[0]).toMatch(/^number: /);
    expect(byLine.get(8)?.[0]).toMatch(/^trunk: /);
    expect(byLine.get(9)?.[0]).toMatch(/^lists: No list called “Nope”/);
    expect(byLine.get(10)?.[0]).toMatch(/^destination_type: /);
    expect(byLine.get(11)?.[0]).toMatch(/^destination_target: There is no queue 999/);
    expect(r.data).toMatchObject({ valid: 3, invalid: 7 });
    expect(await countRows()).toEqual(before);
    expect(await db.$count(dids)).toBe(0);
  });

  it("imports the valid rows of a chunk, checks them again, and leaves one audit row and one pending change", async () => {
    const rows = readDidCsv(CSV);
    const before = await countRows();
    const r = await importDidsChunk({ rows });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.data.created).toBe(3);
    expect(r.data.skipped.map((s) => s.line)).toEqual([4, 5, 7, 8, 9, 10, 11]);
    const page = await listDids({});
    expect(page.rows.map((d) => d.number)).toEqual(["+15550001", "+15550002", "+15550004"]);
    const main = await getDidById({ id: page.rows[0]!.id });
    expect(main).toMatchObject({ trunkName: "carrier-a", destinationType: "extension", lists: [spamId] });
    expect(await db.$count(callerListAssignments)).toBe(1);
    const after = await countRows();
    expect(after.audit - before.audit).toBe(1);
    expect(after.pending - before.pending).toBe(1);

    // The same rows again: now every number is taken, nothing more is created.
    const again = await importDidsChunk({ rows });
    expect(again).toMatchObject({ ok: true, data: { created: 0 } });
  });

  it("refuses a file whose header is wrong as one error for the file, and reads its own template", async () => {
    const r = await previewDidImport({ csv: "number,colour\n+1555,red" });
    expect(r).toMatchObject({
      ok: false,
      error: { fieldErrors: { csv: [expect.stringMatching(/Unknown column "colour"/)] } },
    });
    expect(readDidCsv(DID_CSV_TEMPLATE)).toHaveLength(2);
  });
});
