import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { updateSettings } from "@/app/(admin)/settings/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getSetting, getSettingsView } from "@/lib/db/queries/settings";
import { auditLog } from "@/lib/db/schema/audit";
import { settings } from "@/lib/db/schema/settings";
import type { User } from "@/lib/db/schema/users";
import { decryptSecret } from "@/lib/settings/crypto";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

// A fixed key from env, so the test never reads or writes DATA_DIR/secrets.json.
vi.hoisted(() => {
  process.env.ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");
  process.env.AUTH_SECRET = "test-auth-secret-0123456789abcdef0123";
});
const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const AMI_SECRET = "ami-Secret-value-0042";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(async () => {
  await db.delete(settings);
  await db.delete(auditLog);
  session.current = currentUserFor(admin);
});

describe("who may change settings", () => {
  it.each(["agent", "supervisor", "qa"] as const)("refuses a %s", async (role) => {
    session.current = currentUserFor(await insertUser({ role }));
    const result = await updateSettings({ values: { "ami.host": "10.0.0.5" } });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden:settings.write" } });
    expect(await db.$count(settings)).toBe(0);
  });

  it("refuses without a session", async () => {
    session.current = null;
    expect(await updateSettings({ values: {} })).toMatchObject({
      ok: false,
      error: { code: "unauthorized:session" },
    });
  });
});

describe("validation", () => {
  it("returns a field error per bad value and saves none of the batch", async () => {
    const result = await updateSettings({
      values: {
        "ami.host": "pbx.example.com\r\nAction: Originate",
        "ami.user": "admin;evil",
        "ami.port": "70000",
        "ari.url": "javascript:alert(1)",
        "ami.secret": "line\nbreak",
        "general.timezone": "Mars/Olympus",
        "smtp.host": "mail.example.com",
      },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("bad_request:settings");
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual([
      "ami.host",
      "ami.port",
      "ami.secret",
      "ami.user",
      "ari.url",
      "general.timezone",
    ]);
    expect(await db.$count(settings)).toBe(0);
    expect(await db.$count(auditLog)).toBe(0);
  });

  it("refuses an unknown setting key", async () => {
    const result = await updateSettings({ values: { "ami.evil": "x" } });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request:setting" } });
  });

  it("refuses values over the length cap before looking at them", async () => {
    const result = await updateSettings({ values: { "webrtc.stun": "x".repeat(2001) } });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request:input" } });
  });
});

describe("saving", () => {
  it("saves plain values trimmed and secrets encrypted, and never shows a secret back", async () => {
    const result = await updateSettings({
      values: { "ami.host": " 10.0.0.5 ", "ami.user": "switchboard", "ami.secret": AMI_SECRET },
    });
    expect(result).toEqual({ ok: true, data: { saved: 3 } });

    const rows = Object.fromEntries((await db.select().from(settings)).map((r) => [r.key, r]));
    expect(rows["ami.host"]).toMatchObject({ value: "10.0.0.5", encrypted: false, updatedBy: admin.id });
    expect(rows["ami.secret"]!.encrypted).toBe(true);
    expect(rows["ami.secret"]!.value).not.toContain(AMI_SECRET);
    expect(rows["ami.secret"]!.value).not.toContain("0042");
    expect(decryptSecret(rows["ami.secret"]!.value)).toBe(AMI_SECRET);

    const view = await getSettingsView();
    expect(JSON.stringify(view)).not.toContain(AMI_SECRET);
    expect(JSON.stringify(view)).not.toContain(rows["ami.secret"]!.value);
    expect(view.find((v) => v.key === "ami.secret")).toMatchObject({
      value: null,
      isSet: true,
      source: "saved",
      hint: "…42",
    });
    expect(view.find((v) => v.key === "ami.host")).toMatchObject({ value: "10.0.0.5", source: "saved" });
    expect(view.find((v) => v.key === "ami.port")).toMatchObject({ value: "5038", source: "default" });
    expect(view.find((v) => v.key === "ari.password")).toMatchObject({
      value: null,
      isSet: false,
      source: "unset",
    });

    // Server code gets the real value.
    expect(await getSetting("ami.secret")).toBe(AMI_SECRET);
  });

  it("gives no hint for a short secret", async () => {
    await updateSettings({ values: { "ari.password": "short" } });
    expect((await getSettingsView()).find((v) => v.key === "ari.password")).toMatchObject({
      isSet: true,
      hint: null,
    });
  });

  it("audits what changed without the secret, its ciphertext or the hint", async () => {
    await updateSettings({ values: { "ami.host": "10.0.0.5", "ami.secret": AMI_SECRET } });
    await updateSettings({ values: { "ami.host": "10.0.0.6", "ami.secret": `${AMI_SECRET}-2` } });
    const entries = await db.select().from(auditLog).orderBy(auditLog.id);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      action: "settings.update",
      entity: "settings",
      userId: admin.id,
      before: { "ami.host": "10.0.0.5", "ami.secret": "[redacted]" },
      after: { "ami.host": "10.0.0.6", "ami.secret": "[redacted]" },
    });
    const stored = (await db.select().from(settings).where(eq(settings.key, "ami.secret")))[0]!.value;
    const text = JSON.stringify(entries);
    expect(text).not.toContain(AMI_SECRET);
    expect(text).not.toContain(stored);
  });

  it("leaves a secret alone when its field comes back empty, and clears it only on request", async () => {
    await updateSettings({ values: { "ami.secret": AMI_SECRET } });
    const before = await storedValue("ami.secret");

    expect(await updateSettings({ values: { "ami.secret": "" } })).toEqual({ ok: true, data: { saved: 0 } });
    expect(await storedValue("ami.secret")).toBe(before);

    expect(await updateSettings({ values: {}, clear: ["ami.secret"] })).toEqual({
      ok: true,
      data: { saved: 1 },
    });
    expect(await storedValue("ami.secret")).toBeUndefined();
    expect((await getSettingsView()).find((v) => v.key === "ami.secret")).toMatchObject({ isSet: false });
    const [entry] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    // The clear is audited as "was set, now unset", without the secret itself.
    expect(entry!.before).toEqual({ "ami.secret": "[redacted]" });
    expect(entry!.after).toEqual({ "ami.secret": null });
  });

  it("ignores clear requests for settings that are not secrets", async () => {
    await updateSettings({ values: { "ami.host": "10.0.0.5" } });
    expect(await updateSettings({ values: {}, clear: ["ami.host", "no.such"] })).toEqual({
      ok: true,
      data: { saved: 0 },
    });
    expect(await storedValue("ami.host")).toBe("10.0.0.5");
  });

  it("resets a plain setting to its default when its field comes back empty", async () => {
    await updateSettings({ values: { "ami.port": "5039" } });
    expect(await getSetting("ami.port")).toBe("5039");
    await updateSettings({ values: { "ami.port": "  " } });
    expect(await storedValue("ami.port")).toBeUndefined();
    expect(await getSetting("ami.port")).toBe("5038");
  });

  it("re-encrypts a changed secret with a fresh IV, and leaves an unchanged one (and the audit log) alone", async () => {
    await updateSettings({ values: { "ami.secret": AMI_SECRET } });
    const first = await storedValue("ami.secret");
    const auditRows = (await db.select().from(auditLog)).length;
    expect(await updateSettings({ values: { "ami.secret": AMI_SECRET } })).toEqual({
      ok: true,
      data: { saved: 0 },
    });
    expect(await storedValue("ami.secret")).toBe(first);
    expect((await db.select().from(auditLog)).length).toBe(auditRows);

    await updateSettings({ values: { "ami.secret": `${AMI_SECRET}-2` } });
    const second = await storedValue("ami.secret");
    expect(second).not.toBe(first);
    expect(second).not.toContain(AMI_SECRET);
    expect(decryptSecret(second!)).toBe(`${AMI_SECRET}-2`);
  });

  it("treats unreadable ciphertext (a changed key) as unset instead of failing", async () => {
    await db.insert(settings).values({ key: "smtp.password", value: "v1:AAAA:BBBB:CCCC", encrypted: true });
    const view = await getSettingsView();
    expect(view.find((v) => v.key === "smtp.password")).toMatchObject({ isSet: false, value: null });
    expect(await getSetting("smtp.password")).toBeUndefined();
  });
});

async function storedValue(key: string) {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row?.value;
}
