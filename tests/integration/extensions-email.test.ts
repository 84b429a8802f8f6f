import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createExtension } from "@/app/(admin)/extensions/actions";
import { emailExtensionCredentials } from "@/app/(admin)/extensions/secret-actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema/audit";
import { type Extension, extensions } from "@/lib/db/schema/extensions";
import { settings } from "@/lib/db/schema/settings";
import type { User } from "@/lib/db/schema/users";
import { decryptSecret } from "@/lib/settings/crypto";
import { auditFor, extensionById, extensionInput } from "../support/extensions";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let sink: SmtpSink;
let admin: User;
let agent: User;
let ext: Extension;

beforeAll(async () => {
  testDb = await useTestDb();
  sink = await startSmtpSink();
  admin = await insertUser({ role: "admin" });
  agent = await insertUser({ role: "agent", name: "Ann Agent" });
  session.current = currentUserFor(admin);
  const created = await createExtension(extensionInput({ displayName: "Ann Desk", userId: agent.id }));
  if (!created.ok) throw new Error("setup failed");
  ext = (await extensionById(created.data.id))!;
});
afterAll(async () => {
  await sink.close();
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

async function setSettings(values: Record<string, string>) {
  await db.delete(settings);
  if (Object.keys(values).length)
    await db.insert(settings).values(Object.entries(values).map(([key, value]) => ({ key, value })));
}

const mailAudits = async () =>
  (await auditFor(ext.id)).filter((a) => a.action === "extension.email_credentials");

describe("emailExtensionCredentials", () => {
  it("says clearly when SMTP is not set up, and sends nothing", async () => {
    await setSettings({});
    const result = await emailExtensionCredentials({ id: ext.id });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "unavailable:smtp",
        message: expect.stringMatching(/SMTP host and From address.*Settings/),
      },
    });
    expect(sink.messages).toHaveLength(0);
    expect(await mailAudits()).toEqual([]);
  });

  it("sends the SIP username, secret and WebSocket URL to the linked user through the sink", async () => {
    await setSettings({
      "smtp.host": "127.0.0.1",
      "smtp.port": String(sink.port),
      "smtp.from": "pbx@switchboard.test",
      "sip.wsUrl": "wss://pbx.example.test:8089/ws",
    });
    const result = await emailExtensionCredentials({ id: ext.id });
    expect(result).toEqual({ ok: true, data: { to: agent.email } });

    const mail = await sink.waitFor((m) => m.to.includes(agent.email));
    expect(mail.from).toBe("pbx@switchboard.test");
    const body = decodeQuotedPrintable(mail.data);
    const secret = decryptSecret(ext.secret);
    expect(body).toContain(`Subject: Your phone credentials for extension ${ext.number}`);
    expect(body).toContain(`SIP username: ${ext.number}`);
    expect(body).toContain(`SIP password: ${secret}`);
    expect(body).toContain("WebSocket URL (browser phones): wss://pbx.example.test:8089/ws");
    expect(body).toContain("Hello Ann Agent,");

    const [entry, ...more] = await mailAudits();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      userId: admin.id,
      entityLabel: `${ext.number} Ann Desk`,
      after: { sentTo: agent.email },
    });
    expect(JSON.stringify(await db.select().from(auditLog))).not.toContain(secret);
  });

  it("says so when no user is linked", async () => {
    const created = await createExtension(extensionInput({ displayName: "Nobody" }));
    if (!created.ok) throw new Error("setup failed");
    const before = sink.messages.length;
    const result = await emailExtensionCredentials({ id: created.data.id });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "bad_request:no_user", message: expect.stringMatching(/No user is linked/) },
    });
    expect(sink.messages).toHaveLength(before);
  });

  it("reports a mail server that cannot be reached, without auditing a send", async () => {
    const closed = await startSmtpSink();
    const port = closed.port;
    await closed.close();
    await setSettings({
      "smtp.host": "127.0.0.1",
      "smtp.port": String(port),
      "smtp.from": "pbx@switchboard.test",
    });
    const audits = (await mailAudits()).length;
    const result = await emailExtensionCredentials({ id: ext.id });
    expect(result).toMatchObject({
      ok: false,
      error: { code: "unavailable:smtp", message: expect.stringContaining(`127.0.0.1:${port}`) },
    });
    expect((await mailAudits()).length).toBe(audits);
  });

  it("needs extensions.secrets: write alone could link yourself and mail the secret out", async () => {
    await setSettings({
      "smtp.host": "127.0.0.1",
      "smtp.port": String(sink.port),
      "smtp.from": "pbx@switchboard.test",
    });
    const before = sink.messages.length;
    for (const user of [
      await insertUser({ role: "supervisor" }),
      await insertUser({ role: "supervisor", grants: ["extensions.write"] }),
      await insertUser({ role: "admin", revokes: ["extensions.secrets"] }),
    ]) {
      session.current = currentUserFor(user);
      expect(await emailExtensionCredentials({ id: ext.id })).toMatchObject({
        ok: false,
        error: { code: "forbidden:extensions.secrets" },
      });
    }
    expect(sink.messages).toHaveLength(before);
  });

  it("refuses a malformed id", async () => {
    expect(await emailExtensionCredentials({ id: "x' or 1=1" })).toMatchObject({
      ok: false,
      error: { code: "bad_request:input" },
    });
    expect(await db.$count(extensions, eq(extensions.id, ext.id))).toBe(1);
  });
});

function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
