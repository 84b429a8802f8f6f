import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createExtension, updateExtension } from "@/app/(admin)/extensions/actions";
import { importExtensionsChunk, previewExtensionImport } from "@/app/(admin)/extensions/import/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { configChanges } from "@/lib/db/schema/config";
import { type Extension, extensions } from "@/lib/db/schema/extensions";
import type { CreateExtensionInput } from "@/lib/validations/extension";
import { extensionById, extensionInput } from "../support/extensions";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

/**
 * Strings that would break out of an Asterisk config value or a dialplan argument, or that only
 * look harmless (full-width digits, Cyrillic letters). Each goes through the real actions, alone
 * and inside an otherwise valid value, and must come back as a field error with nothing written.
 */
const CORPUS: [string, string][] = [
  ["newline", "\n"],
  ["carriage return", "\r"],
  ["CRLF + directive", "\r\n#include /etc/passwd"],
  ["semicolon (comment)", ";"],
  ["bracket (section)", "["],
  ["#include", "#include"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal dialplan text is the point
  ["dialplan function", "${SHELL(id)}"],
  ["expression", "$[1+1]"],
  ["ampersand", "&"],
  ["comma", ","],
  ["close paren", ")"],
  ["pipe", "|"],
  ["NUL", "\u0000"],
  ["5,000 characters", "7".repeat(5000)],
  ["full-width digits", "１２３"],
  ["Cyrillic А", "А"],
  ["Cyrillic in a name", "Аnna"],
  ["zero-width space", "\u200b"],
  ["quote", '"'],
];

/** Each field with a valid value to embed the bad text in. */
const FIELDS: { field: keyof CreateExtensionInput; valid: string; column: string }[] = [
  { field: "number", valid: "4321", column: "number" },
  { field: "displayName", valid: "Ann Agent", column: "display_name" },
  { field: "userId", valid: "0b8f3f5e-6a53-4b53-9d43-2f1d0f5a7c11", column: "email" },
  { field: "voicemailPin", valid: "2468", column: "voicemail_pin" },
  { field: "outboundCallerId", valid: "+442071234567", column: "outbound_callerid" },
  { field: "recordingPolicy", valid: "never", column: "recording_policy" },
  { field: "codecs", valid: "ulaw", column: "codecs" },
  { field: "maxContacts", valid: "2", column: "" },
  { field: "pickupGroup", valid: "12", column: "" },
];

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let target: Extension;

beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
  const created = await createExtension(extensionInput({ number: "4999", displayName: "Target" }));
  if (!created.ok) throw new Error("setup failed");
  target = (await extensionById(created.data.id))!;
});
afterAll(async () => {
  await testDb.drop();
});

async function snapshot() {
  return {
    extensions: await db.$count(extensions),
    pending: await db.$count(configChanges),
    audit: await db.$count(auditLog),
  };
}

function variants(valid: string, bad: string) {
  const out = [bad, `${valid}${bad}`];
  if (bad.length < 100) out.push(`${valid.slice(0, 1)}${bad}${valid.slice(1)}`);
  return out;
}

function withValue(field: keyof CreateExtensionInput, value: string): CreateExtensionInput {
  const base = extensionInput({ number: "4321", voicemailEnabled: true, voicemailPin: "2468" });
  if (field === "codecs") return { ...base, codecs: ["alaw", value] };
  if (field === "userId") return { ...base, userId: value };
  return { ...base, [field]: value };
}

describe.each(FIELDS)("$field", ({ field, valid }) => {
  it.each(CORPUS)(
    "refuses %s with a field error on create and update, writing nothing",
    async (_name, bad) => {
      const before = await snapshot();
      for (const value of variants(valid, bad)) {
        const created = await createExtension(withValue(field, value));
        expect(created.ok, `create accepted ${JSON.stringify(value.slice(0, 40))}`).toBe(false);
        if (!created.ok) {
          expect(created.error.code).toBe("bad_request:input");
          expect(created.error.fieldErrors?.[field], JSON.stringify(created.error.fieldErrors)).toEqual([
            expect.any(String),
          ]);
          expect(Object.keys(created.error.fieldErrors ?? {})).toEqual([field]);
        }
        const updated = await updateExtension({ ...withValue(field, value), id: target.id });
        expect(updated.ok).toBe(false);
        if (!updated.ok) expect(Object.keys(updated.error.fieldErrors ?? {})).toEqual([field]);
      }
      expect(await snapshot()).toEqual(before);
      expect(await extensionById(target.id)).toEqual(target);
    },
  );
});

describe("the CSV import", () => {
  const csvFields = FIELDS.filter((f) => f.column && f.field !== "userId");

  it.each(CORPUS)("reports %s as a row error on the right column and imports nothing", async (_name, bad) => {
    const before = await snapshot();
    for (const { column, valid } of csvFields) {
      for (const value of variants(valid, bad)) {
        const record: Record<string, string> = {
          number: "4321",
          display_name: "Ann Agent",
          voicemail: "yes",
          voicemail_pin: "2468",
          [column]: value,
        };
        const csv = `${Object.keys(record).join(",")}\r\n${Object.values(record).map(quote).join(",")}\r\n`;
        const preview = await previewExtensionImport({ csv });
        expect(preview.ok, JSON.stringify(preview)).toBe(true);
        if (!preview.ok) continue;
        const [row] = preview.data.rows;
        expect(
          row!.errors.map((e) => e.column),
          `${column}=${JSON.stringify(value.slice(0, 30))}`,
        ).toContain(column);

        const imported = await importExtensionsChunk({ rows: [{ line: 2, record }] });
        expect(imported).toMatchObject({ ok: true, data: { created: 0 } });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a bad e-mail column", async () => {
    for (const bad of ["a@b.test\r\nBcc: x@evil.test", "x\u0000@example.test", "not-an-email"]) {
      const record = { number: "4321", display_name: "Ann", email: bad };
      const preview = await previewExtensionImport({
        csv: `number,display_name,email\n4321,Ann,${quote(bad)}\n`,
      });
      expect(preview.ok && preview.data.rows[0]!.errors.map((e) => e.column)).toEqual(["email"]);
      expect(await importExtensionsChunk({ rows: [{ line: 2, record }] })).toMatchObject({
        data: { created: 0 },
      });
    }
  });
});

function quote(v: string) {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
