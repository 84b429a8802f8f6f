import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { importExtensionsChunk, previewExtensionImport } from "@/app/(admin)/extensions/import/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { configChanges } from "@/lib/db/schema/config";
import { extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { queues } from "@/lib/db/schema/queues";
import { type User, users } from "@/lib/db/schema/users";
import { CSV_TEMPLATE, IMPORT_CHUNK_SIZE } from "@/lib/extensions/csv-import";
import { decryptSecret } from "@/lib/settings/crypto";
import { extensionByNumber } from "../support/extensions";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  session.current = currentUserFor(admin);
});
afterAll(async () => {
  await testDb.drop();
});

const HEADER =
  "number,display_name,email,webrtc,voicemail,voicemail_pin,recording_policy,outbound_callerid,codecs";

/** What the browser does: preview, then send the valid rows back in chunks. */
async function importAll(csv: string) {
  const preview = await previewExtensionImport({ csv });
  if (!preview.ok) throw new Error(JSON.stringify(preview.error));
  const valid = preview.data.rows.filter((r) => r.errors.length === 0);
  const results = [];
  for (let i = 0; i < valid.length; i += IMPORT_CHUNK_SIZE) {
    const chunk = valid.slice(i, i + IMPORT_CHUNK_SIZE).map((r) => ({ line: r.line, record: r.record }));
    const result = await importExtensionsChunk({ rows: chunk });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    results.push(result.data);
  }
  return { preview: preview.data, results };
}

describe("CSV preview", () => {
  it("checks every row and writes nothing", async () => {
    const taken = "60001";
    await db.insert(queues).values({ number: "60002", name: "Q" });
    await db.insert(extensionGroups).values({ number: "60003", name: "G" });
    const linked = await insertUser({ role: "agent", extension: "1234" });
    const csv = [
      HEADER,
      `${taken},Taken Later,,,,,,,`,
      "60002,Queue Clash,,,,,,,",
      "60003,Group Clash,,,,,,,",
      "60004,Twice,,,,,,,",
      "60004,Twice Again,,,,,,,",
      "60005,Nobody,nobody@example.test,,,,,,",
      `60006,Good One,${linked.email.toUpperCase()},yes,yes,2468,always,+15551234,opus|ulaw`,
      '60007,"Quoted, Name",,,,,,,',
      "60008,Bad Flag,,maybe,,,,,",
      "60009,No Pin,,,yes,,,,",
      "60010,Bad Codec,,,,,,,ulaw|speex",
    ].join("\r\n");
    await db.insert(extensionGroups).values({ number: taken, name: "Taken" });
    const before = await Promise.all([db.$count(extensions), db.$count(auditLog), db.$count(configChanges)]);

    const result = await previewExtensionImport({ csv });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byLine = new Map(result.data.rows.map((r) => [r.line, r]));
    const errs = (line: number) => byLine.get(line)!.errors.map((e) => `${e.column}: ${e.message}`);
    expect(errs(2)).toEqual([`number: ${taken} is already in use.`]);
    expect(errs(3)).toEqual(["number: 60002 is already in use."]);
    expect(errs(4)).toEqual(["number: 60003 is already in use."]);
    expect(errs(5)).toEqual(["number: 60004 appears more than once (lines 5, 6)."]);
    expect(errs(6)).toEqual(["number: 60004 appears more than once (lines 5, 6)."]);
    expect(errs(7)).toEqual(["email: No user has the e-mail nobody@example.test."]);
    expect(errs(8)).toEqual([]);
    expect(byLine.get(8)!.warnings).toEqual([`${linked.email} moves from extension 1234.`]);
    expect(errs(9)).toEqual(["display_name: Use up to 40 letters, digits, spaces, '.', '-' or '_'."]);
    expect(errs(10)).toEqual(["webrtc: Use yes or no."]);
    expect(errs(11)).toEqual(["voicemail_pin: Voicemail needs a PIN of 4 to 10 digits."]);
    expect(errs(12)).toEqual(["codecs: Unknown codec. Choose from ulaw, alaw, g722, opus, gsm, g729."]);
    expect(result.data).toMatchObject({ valid: 1, invalid: 10 });

    expect(await Promise.all([db.$count(extensions), db.$count(auditLog), db.$count(configChanges)])).toEqual(
      before,
    );
  });

  it.each([
    ["", /needs a header row|Choose a file/],
    ["number,display_name\n", /no rows/],
    ["display_name\nx", /needs the column number/],
    ["number,display_name,secret\n1,2,3", /Unknown column "secret"/],
    ['number,display_name\n"201,x', /never closed/],
  ])("refuses a broken file %j with one clear error", async (csv, message) => {
    const result = await previewExtensionImport({ csv });
    expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^bad_request/) } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it("accepts its own template", async () => {
    await insertUser({ role: "agent", email: "ann@example.com" });
    const result = await previewExtensionImport({ csv: CSV_TEMPLATE });
    expect(result).toMatchObject({ ok: true, data: { valid: 2, invalid: 0 } });
  });
});

describe("CSV import", () => {
  it("imports 5,000 rows in chunks: one audit row and one pending change per chunk, secrets encrypted", {
    timeout: 180_000,
  }, async () => {
    const people: User[] = [];
    for (let i = 0; i < 20; i++) people.push(await insertUser({ role: "agent" }));
    const lines = [HEADER];
    for (let i = 0; i < 5000; i++) {
      const number = String(700000 + i);
      const email = i < people.length ? people[i]!.email : "";
      const vm = i % 3 === 0;
      lines.push(
        [
          number,
          `Bulk ${i}`,
          email,
          i % 2 ? "yes" : "no",
          vm ? "yes" : "no",
          vm ? "1234" : "",
          "never",
          "",
          "",
        ].join(","),
      );
    }
    lines.push("70,Bad Number Too Short?,,,,,,,"); // one bad row: skipped, not fatal
    const auditBefore = await db.$count(auditLog, eq(auditLog.action, "extension.bulk_create"));
    const pendingBefore = await db.$count(configChanges, eq(configChanges.action, "bulk"));

    const started = Date.now();
    const { preview, results } = await importAll(lines.join("\n"));
    const ms = Date.now() - started;

    expect(preview).toMatchObject({ valid: 5000, invalid: 1 });
    expect(results).toHaveLength(Math.ceil(5000 / IMPORT_CHUNK_SIZE));
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(5000);
    expect(results.every((r) => r.skipped.length === 0)).toBe(true);
    expect(await db.$count(extensions)).toBeGreaterThanOrEqual(5000);

    const chunkAudits = await db.select().from(auditLog).where(eq(auditLog.action, "extension.bulk_create"));
    expect(chunkAudits.length - auditBefore).toBe(10);
    expect(chunkAudits.at(-1)).toMatchObject({
      entity: "extension",
      userId: admin.id,
      after: { created: 500, skipped: 0, numbers: expect.arrayContaining(["704999"]) },
    });
    expect(await db.$count(configChanges, eq(configChanges.action, "bulk"))).toBe(pendingBefore + 10);

    const sample = (await extensionByNumber("700003"))!;
    expect(sample).toMatchObject({
      displayName: "Bulk 3",
      webrtc: true,
      voicemailEnabled: true,
      voicemailPin: "1234",
    });
    expect(decryptSecret(sample.secret)).toMatch(/^[A-Za-z0-9]{24,64}$/);
    const secrets = (await db.select({ s: extensions.secret }).from(extensions)).map((r) =>
      decryptSecret(r.s),
    );
    expect(new Set(secrets).size).toBe(secrets.length);
    const auditText = JSON.stringify(chunkAudits);
    for (const s of secrets.slice(0, 200)) expect(auditText).not.toContain(s);

    for (let i = 0; i < people.length; i++) {
      const [u] = await db.select().from(users).where(eq(users.id, people[i]!.id));
      expect(u!.extension).toBe(String(700000 + i));
    }
    console.info(`imported 5,000 extensions in ${ms} ms`);
  });

  it("re-checks every chunk on the server: a number taken since the preview is skipped, the rest imported", async () => {
    const rows = [
      { line: 2, record: { number: "81001", display_name: "First" } },
      { line: 3, record: { number: "81002", display_name: "Second" } },
    ];
    await db.insert(queues).values({ number: "81002", name: "Sneaky" });
    const result = await importExtensionsChunk({ rows });
    expect(result).toEqual({
      ok: true,
      data: {
        created: 1,
        skipped: [{ line: 3, errors: [{ column: "number", message: "81002 is already in use." }] }],
      },
    });
    expect(await extensionByNumber("81001")).toBeDefined();
    // Sending the same chunk again creates nothing twice.
    expect(await importExtensionsChunk({ rows })).toMatchObject({ ok: true, data: { created: 0 } });
  });

  it("refuses chunks from users without extensions.write, and oversized chunks", async () => {
    session.current = currentUserFor(await insertUser({ role: "supervisor" }));
    const rows = [{ line: 2, record: { number: "82001", display_name: "Nope" } }];
    expect(await importExtensionsChunk({ rows })).toMatchObject({
      ok: false,
      error: { code: "forbidden:extensions.write" },
    });
    expect(await previewExtensionImport({ csv: "number,display_name\n82001,Nope" })).toMatchObject({
      ok: false,
      error: { code: "forbidden:extensions.write" },
    });
    session.current = currentUserFor(admin);
    const big = Array.from({ length: IMPORT_CHUNK_SIZE + 1 }, (_, i) => ({
      line: i + 2,
      record: { number: String(83000 + i), display_name: "Big" },
    }));
    expect(await importExtensionsChunk({ rows: big })).toMatchObject({
      ok: false,
      error: { code: "bad_request:input" },
    });
    expect(await extensionByNumber("82001")).toBeUndefined();
    expect(await extensionByNumber("83000")).toBeUndefined();
  });
});
