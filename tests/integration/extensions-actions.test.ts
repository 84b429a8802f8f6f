import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  bulkDeleteExtensions,
  bulkSetExtensionsEnabled,
  createExtension,
  deleteExtension,
  updateExtension,
} from "@/app/(admin)/extensions/actions";
import { regenerateExtensionSecret, revealExtensionSecret } from "@/app/(admin)/extensions/secret-actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getExtensionById, listExtensions } from "@/lib/db/queries/extensions";
import { auditLog } from "@/lib/db/schema/audit";
import { extensionGroupMembers, extensionGroups, extensions } from "@/lib/db/schema/extensions";
import { queueMembers, queues } from "@/lib/db/schema/queues";
import { type User, users } from "@/lib/db/schema/users";
import { decryptSecret } from "@/lib/settings/crypto";
import {
  auditFor,
  countPending,
  extensionById,
  extensionByNumber,
  extensionInput,
  freshNumber,
  pendingFor,
} from "../support/extensions";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;

beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(async () => {
  admin = await insertUser({ role: "admin" });
  session.current = currentUserFor(admin);
});

async function create(over: Parameters<typeof extensionInput>[0] = {}) {
  const result = await createExtension(extensionInput(over));
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result.error)}`);
  return (await extensionById(result.data.id))!;
}

describe("createExtension", () => {
  it("creates the extension with an encrypted generated secret, one audit row and one pending change", async () => {
    const number = freshNumber();
    const result = await createExtension(
      extensionInput({
        number: ` ${number} `,
        displayName: "Front Desk",
        webrtc: true,
        codecs: ["opus", "ulaw"],
        maxContacts: "3",
        voicemailEnabled: true,
        voicemailPin: "2468",
        recordingPolicy: "on_demand",
        outboundCallerId: "+442071234567",
        pickupGroup: "7",
        callWaiting: false,
        dnd: true,
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = (await extensionById(result.data.id))!;
    expect(row).toMatchObject({
      number,
      displayName: "Front Desk",
      enabled: true,
      webrtc: true,
      codecs: ["opus", "ulaw"],
      maxContacts: 3,
      voicemailEnabled: true,
      voicemailPin: "2468",
      recordingPolicy: "on_demand",
      outboundCallerId: "+442071234567",
      pickupGroup: 7,
      callWaiting: false,
      dnd: true,
    });

    // Encrypted at rest: the column holds ciphertext that decrypts to a strong base62 secret.
    expect(row.secret).toMatch(/^v1:/);
    const secret = decryptSecret(row.secret);
    expect(secret).toMatch(/^[A-Za-z0-9]{24,64}$/);
    expect(row.secret).not.toContain(secret);

    const [entry, ...more] = await auditFor(row.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: "extension.create",
      entity: "extension",
      entityLabel: `${number} Front Desk`,
      userId: admin.id,
      before: null,
      after: { number, displayName: "Front Desk", voicemailPin: "[set]", codecs: ["opus", "ulaw"] },
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(row.secret);
    expect(text).not.toContain("2468");

    expect(await pendingFor(row.id)).toMatchObject([
      {
        entity: "extension",
        action: "create",
        entityLabel: `${number} Front Desk`,
        userId: admin.id,
        revisionId: null,
      },
    ]);
  });

  it("gives every extension its own secret", async () => {
    const a = await create();
    const b = await create();
    expect(decryptSecret(a.secret)).not.toBe(decryptSecret(b.secret));
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const [count, pending] = [await db.$count(extensions), await countPending()];
    const result = await createExtension(
      extensionInput({
        number: "1",
        displayName: "",
        codecs: [],
        maxContacts: "11",
        voicemailEnabled: true,
        voicemailPin: "",
        pickupGroup: "64",
        recordingPolicy: "sometimes" as "never",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("bad_request:input");
    expect(Object.keys(result.error.fieldErrors ?? {}).sort()).toEqual([
      "codecs",
      "displayName",
      "maxContacts",
      "number",
      "pickupGroup",
      "recordingPolicy",
    ]);
    expect(await db.$count(extensions)).toBe(count);
    expect(await countPending()).toBe(pending);
  });

  it("needs a PIN when voicemail is on", async () => {
    const result = await createExtension(extensionInput({ voicemailEnabled: true, voicemailPin: "" }));
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { voicemailPin: [expect.any(String)] } },
    });
  });
});

describe("numbers are unique across extensions, ring groups and queues", () => {
  it("refuses a number another extension has", async () => {
    const existing = await create({ displayName: "First" });
    const before = await countPending();
    const result = await createExtension(extensionInput({ number: existing.number }));
    expect(result).toEqual({
      ok: false,
      error: {
        code: "conflict:number",
        message: expect.stringContaining("extension"),
        fieldErrors: { number: [expect.stringMatching(/already used by the extension "First"/)] },
      },
    });
    expect(await db.$count(extensions, eq(extensions.number, existing.number))).toBe(1);
    expect(await countPending()).toBe(before);
  });

  it("refuses a number a ring group has", async () => {
    const number = freshNumber();
    await db.insert(extensionGroups).values({ number, name: "Sales" });
    const result = await createExtension(extensionInput({ number }));
    expect(result).toMatchObject({
      ok: false,
      error: { code: "conflict:number", fieldErrors: { number: [expect.stringMatching(/group "Sales"/)] } },
    });
    expect(await extensionByNumber(number)).toBeUndefined();
  });

  it("refuses a number a queue has, on create and on renumber", async () => {
    const number = freshNumber();
    await db.insert(queues).values({ number, name: "Support" });
    expect(await createExtension(extensionInput({ number }))).toMatchObject({
      ok: false,
      error: { code: "conflict:number", fieldErrors: { number: [expect.stringMatching(/queue "Support"/)] } },
    });
    const ext = await create();
    const result = await updateExtension({ ...extensionInput({ number }), id: ext.id });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict:number" } });
    expect((await extensionById(ext.id))!.number).toBe(ext.number);
  });

  it("lets an extension keep its own number on update", async () => {
    const ext = await create({ displayName: "Keeps" });
    const result = await updateExtension({
      ...extensionInput({ number: ext.number, displayName: "Kept" }),
      id: ext.id,
    });
    expect(result).toEqual({ ok: true, data: { id: ext.id, changed: true } });
  });
});

describe("linked user", () => {
  it("links on create: sets the user's extension and clears it from anyone else who had the number", async () => {
    const number = freshNumber();
    const stale = await insertUser({ role: "agent", extension: number });
    const chosen = await insertUser({ role: "agent", extension: "4444" });
    const ext = await create({ number, userId: chosen.id });
    expect((await userById(chosen.id)).extension).toBe(number);
    expect((await userById(stale.id)).extension).toBeNull();
    expect((await getExtensionById({ id: ext.id }))!.linkedUser).toEqual({
      id: chosen.id,
      name: chosen.name,
      email: chosen.email,
    });
    const notes = await db.select().from(auditLog).where(eq(auditLog.entity, "user"));
    expect(notes.filter((n) => n.entityId === stale.id)).toMatchObject([
      { action: "user.update", before: { extension: number }, after: { extension: null } },
    ]);
    expect(notes.filter((n) => n.entityId === chosen.id)).toMatchObject([
      { action: "user.update", before: { extension: "4444" }, after: { extension: number } },
    ]);
  });

  it("on create without a user, leaves a user who already has the number linked", async () => {
    const number = freshNumber();
    const holder = await insertUser({ role: "agent", extension: number });
    const ext = await create({ number });
    expect((await userById(holder.id)).extension).toBe(number);
    expect((await getExtensionById({ id: ext.id }))!.linkedUser?.id).toBe(holder.id);
  });

  it("follows a renumbered extension, moves to another user, and unlinks", async () => {
    const first = await insertUser({ role: "agent" });
    const second = await insertUser({ role: "agent" });
    const ext = await create({ userId: first.id });
    const renumbered = freshNumber();

    expect(
      (await updateExtension({ ...extensionInput({ number: renumbered, userId: first.id }), id: ext.id })).ok,
    ).toBe(true);
    expect((await userById(first.id)).extension).toBe(renumbered);

    expect(
      (await updateExtension({ ...extensionInput({ number: renumbered, userId: second.id }), id: ext.id }))
        .ok,
    ).toBe(true);
    expect((await userById(first.id)).extension).toBeNull();
    expect((await userById(second.id)).extension).toBe(renumbered);

    expect(
      (await updateExtension({ ...extensionInput({ number: renumbered, userId: "" }), id: ext.id })).ok,
    ).toBe(true);
    expect((await userById(second.id)).extension).toBeNull();
  });

  it("refuses a user that does not exist, on the userId field", async () => {
    const result = await createExtension(extensionInput({ userId: randomUUID() }));
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { userId: [expect.any(String)] } } });
  });
});

describe("updateExtension", () => {
  it("audits before and after without the PIN, and notes a pending change", async () => {
    const ext = await create({ displayName: "Old Name", voicemailEnabled: true, voicemailPin: "1111" });
    const result = await updateExtension({
      ...extensionInput({
        number: ext.number,
        displayName: "New Name",
        voicemailEnabled: true,
        voicemailPin: "2222",
      }),
      id: ext.id,
    });
    expect(result.ok).toBe(true);
    expect((await extensionById(ext.id))!).toMatchObject({ displayName: "New Name", voicemailPin: "2222" });
    const [entry] = await auditFor(ext.id);
    expect(entry).toMatchObject({
      action: "extension.update",
      entityLabel: `${ext.number} New Name`,
      before: { displayName: "Old Name", voicemailPin: "[set]" },
      after: { displayName: "New Name", voicemailPin: "[changed]" },
    });
    expect(JSON.stringify(entry)).not.toMatch(/1111|2222/);
    expect((await pendingFor(ext.id)).map((p) => p.action)).toEqual(["create", "update"]);
  });

  it("keeps the stored PIN when the PIN field is left empty", async () => {
    const ext = await create({ voicemailEnabled: true, voicemailPin: "13579" });
    const result = await updateExtension({
      ...extensionInput({
        number: ext.number,
        voicemailEnabled: true,
        voicemailPin: "",
        displayName: "Renamed",
      }),
      id: ext.id,
    });
    expect(result.ok).toBe(true);
    expect((await extensionById(ext.id))!.voicemailPin).toBe("13579");
  });

  it("writes no audit row or pending change when nothing changed", async () => {
    const ext = await create({ displayName: "Same" });
    const result = await updateExtension({
      ...extensionInput({ number: ext.number, displayName: "Same" }),
      id: ext.id,
    });
    expect(result).toEqual({ ok: true, data: { id: ext.id, changed: false } });
    expect(await auditFor(ext.id)).toHaveLength(1);
    expect(await pendingFor(ext.id)).toHaveLength(1);
  });

  it("answers an unknown id with not_found", async () => {
    const result = await updateExtension({ ...extensionInput(), id: randomUUID() });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found:extension" } });
  });
});

describe("delete", () => {
  it("deletes, unlinks the user, audits and notes a pending delete", async () => {
    const user = await insertUser({ role: "agent" });
    const ext = await create({ userId: user.id });
    expect(await deleteExtension({ id: ext.id })).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await extensionById(ext.id)).toBeUndefined();
    expect((await userById(user.id)).extension).toBeNull();
    expect((await auditFor(ext.id))[0]).toMatchObject({
      action: "extension.delete",
      before: { number: ext.number, linkedUser: user.email },
      after: null,
    });
    expect((await pendingFor(ext.id)).map((p) => p.action)).toEqual(["create", "delete"]);
  });

  it("refuses while a ring group or queue still uses it, and says which", async () => {
    const ext = await create({ displayName: "Busy Phone" });
    const [group] = await db
      .insert(extensionGroups)
      .values({ number: freshNumber(), name: "Sales" })
      .returning();
    const [queue] = await db.insert(queues).values({ number: freshNumber(), name: "Support" }).returning();
    await db.insert(extensionGroupMembers).values({ groupId: group!.id, extensionId: ext.id, position: 0 });
    await db.insert(queueMembers).values({ queueId: queue!.id, extensionId: ext.id });
    const pending = await countPending();

    const result = await deleteExtension({ id: ext.id });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict:extension_in_use" } });
    if (result.ok) return;
    expect(result.error.message).toContain(`${ext.number} Busy Phone`);
    expect(result.error.message).toContain(`ring group ${group!.number} "Sales"`);
    expect(result.error.message).toContain(`queue ${queue!.number} "Support"`);
    expect(await extensionById(ext.id)).toBeDefined();
    expect(await countPending()).toBe(pending);
    expect((await auditFor(ext.id)).map((a) => a.action)).toEqual(["extension.create"]);
  });

  it("refuses while a ring group fails over to it", async () => {
    const ext = await create();
    await db.insert(extensionGroups).values({
      number: freshNumber(),
      name: "Night",
      failoverType: "extension",
      failoverTarget: ext.number,
    });
    const result = await deleteExtension({ id: ext.id });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/"Night" \(failover\)/) },
    });
  });

  it("refuses while a queue sends calls to its voicemail, and refuses renumbering or voicemail off", async () => {
    const ext = await create({ voicemailEnabled: true, voicemailPin: "2468" });
    await db.insert(queues).values({
      number: freshNumber(),
      name: "After Hours",
      outOfHoursType: "voicemail",
      outOfHoursTarget: ext.number,
    });
    expect(await deleteExtension({ id: ext.id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/"After Hours" \(out of hours to voicemail\)/) },
    });
    const renumber = await updateExtension({
      ...extensionInput({ number: freshNumber(), voicemailEnabled: true }),
      id: ext.id,
    });
    expect(renumber).toMatchObject({
      ok: false,
      error: {
        code: "conflict:extension_in_use",
        fieldErrors: { number: [expect.stringMatching(/^Renumbering/)] },
      },
    });
    const voicemailOff = await updateExtension({
      ...extensionInput({ number: ext.number, voicemailEnabled: false }),
      id: ext.id,
    });
    expect(voicemailOff).toMatchObject({
      ok: false,
      error: { fieldErrors: { voicemailEnabled: [expect.stringMatching(/After Hours/)] } },
    });
    expect(await extensionById(ext.id)).toEqual(ext);
  });

  it("bulk delete refuses the whole batch when any is in use, naming only those", async () => {
    const free = await create({ displayName: "Free One" });
    const used = await create({ displayName: "Used One" });
    const [queue] = await db.insert(queues).values({ number: freshNumber(), name: "Billing" }).returning();
    await db.insert(queueMembers).values({ queueId: queue!.id, extensionId: used.id });

    const result = await bulkDeleteExtensions({ ids: [free.id, used.id] });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict:extension_in_use" } });
    if (result.ok) return;
    expect(result.error.message).toContain("Used One");
    expect(result.error.message).not.toContain("Free One");
    expect(await extensionById(free.id)).toBeDefined();

    await db.delete(queueMembers).where(eq(queueMembers.extensionId, used.id));
    expect(await bulkDeleteExtensions({ ids: [free.id, used.id] })).toEqual({
      ok: true,
      data: { deleted: 2 },
    });
    for (const e of [free, used]) {
      expect(await extensionById(e.id)).toBeUndefined();
      expect((await auditFor(e.id))[0]).toMatchObject({ action: "extension.delete" });
      expect((await pendingFor(e.id)).at(-1)).toMatchObject({ action: "delete" });
    }
  });
});

describe("bulk enable and disable", () => {
  it("changes only what differs, with one audit row and pending change each", async () => {
    const a = await create();
    const b = await create({ enabled: false });
    const result = await bulkSetExtensionsEnabled({ ids: [a.id, b.id], enabled: false });
    expect(result).toEqual({ ok: true, data: { changed: 1, unchanged: 1 } });
    expect((await extensionById(a.id))!.enabled).toBe(false);
    expect((await auditFor(a.id))[0]).toMatchObject({
      action: "extension.disable",
      before: { enabled: true },
      after: { enabled: false },
    });
    expect((await auditFor(b.id)).map((x) => x.action)).toEqual(["extension.create"]);
    expect((await pendingFor(a.id)).map((p) => p.action)).toEqual(["create", "update"]);

    expect(await bulkSetExtensionsEnabled({ ids: [a.id, b.id], enabled: true })).toEqual({
      ok: true,
      data: { changed: 2, unchanged: 0 },
    });
    expect((await auditFor(b.id))[0]).toMatchObject({ action: "extension.enable" });
  });
});

describe("secrets", () => {
  it("reveals the secret to a holder of extensions.secrets, and audits the reveal without it", async () => {
    const ext = await create();
    const result = await revealExtensionSecret({ id: ext.id });
    expect(result).toEqual({ ok: true, data: { secret: decryptSecret(ext.secret) } });
    const [entry] = await auditFor(ext.id);
    expect(entry).toMatchObject({
      action: "extension.reveal_secret",
      entityLabel: `${ext.number} Test Phone`,
    });
    expect(JSON.stringify(entry)).not.toContain(decryptSecret(ext.secret));
  });

  it("refuses to reveal without extensions.secrets, even with extensions.write", async () => {
    const ext = await create();
    session.current = currentUserFor(
      await insertUser({ role: "supervisor", grants: ["extensions.write"], revokes: [] }),
    );
    expect(await revealExtensionSecret({ id: ext.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden:extensions.secrets" },
    });
    session.current = currentUserFor(await insertUser({ role: "admin", revokes: ["extensions.secrets"] }));
    expect(await revealExtensionSecret({ id: ext.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden:extensions.secrets" },
    });
    expect((await auditFor(ext.id)).map((a) => a.action)).toEqual(["extension.create"]);
  });

  it("regenerates: a new secret, audited without either secret, and a pending change", async () => {
    const ext = await create();
    const old = decryptSecret(ext.secret);
    expect(await regenerateExtensionSecret({ id: ext.id })).toEqual({ ok: true, data: { id: ext.id } });
    const fresh = decryptSecret((await extensionById(ext.id))!.secret);
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[A-Za-z0-9]{24,64}$/);
    const [entry] = await auditFor(ext.id);
    expect(entry).toMatchObject({ action: "extension.regenerate_secret" });
    expect(JSON.stringify(entry)).not.toContain(old);
    expect(JSON.stringify(entry)).not.toContain(fresh);
    expect((await pendingFor(ext.id)).map((p) => p.action)).toEqual(["create", "update"]);
  });

  it("never puts a secret in any audit row", async () => {
    const all = await db.select().from(extensions);
    const log = JSON.stringify(await db.select().from(auditLog));
    for (const e of all) {
      expect(log).not.toContain(decryptSecret(e.secret));
      expect(log).not.toContain(e.secret);
    }
  });
});

describe("who may write extensions", () => {
  it.each(["agent", "supervisor", "qa"] as const)("refuses a %s and writes nothing", async (role) => {
    const ext = await create();
    session.current = currentUserFor(await insertUser({ role }));
    const pending = await countPending();
    const count = await db.$count(extensions);
    const results = await Promise.all([
      createExtension(extensionInput()),
      updateExtension({ ...extensionInput({ displayName: "Hacked" }), id: ext.id }),
      deleteExtension({ id: ext.id }),
      bulkDeleteExtensions({ ids: [ext.id] }),
      bulkSetExtensionsEnabled({ ids: [ext.id], enabled: false }),
      regenerateExtensionSecret({ id: ext.id }),
    ]);
    for (const r of results)
      expect(r).toEqual({
        ok: false,
        error: expect.objectContaining({ code: "forbidden:extensions.write" }),
      });
    expect(await revealExtensionSecret({ id: ext.id })).toMatchObject({
      ok: false,
      error: { code: "forbidden:extensions.secrets" },
    });
    expect(await db.$count(extensions)).toBe(count);
    expect(await countPending()).toBe(pending);
    expect(await extensionById(ext.id)).toEqual(ext);
  });

  it("refuses without a session", async () => {
    session.current = null;
    expect(await createExtension(extensionInput())).toMatchObject({
      ok: false,
      error: { code: "unauthorized:session" },
    });
  });
});

describe("listExtensions", () => {
  it("searches number and name, and pages by number with a keyset", async () => {
    const tag = `Pager${Date.now().toString(36).slice(-4)}`;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create({ displayName: `${tag} ${i}` }));
    const first = await listExtensions({ q: tag, limit: 2 });
    expect(first.rows.map((r) => r.displayName)).toEqual([`${tag} 0`, `${tag} 1`]);
    const second = await listExtensions({ q: tag, limit: 2, cursor: first.nextCursor! });
    expect(second.rows.map((r) => r.displayName)).toEqual([`${tag} 2`, `${tag} 3`]);
    const third = await listExtensions({ q: tag, limit: 2, cursor: second.nextCursor! });
    expect(third.rows.map((r) => r.displayName)).toEqual([`${tag} 4`]);
    expect(third.nextCursor).toBeNull();

    const byNumber = await listExtensions({ q: made[3]!.number });
    expect(byNumber.rows.map((r) => r.id)).toEqual([made[3]!.id]);
    const byName = await listExtensions({ q: tag, sort: "name", limit: 10 });
    expect(byName.rows).toHaveLength(5);
  });
});

async function userById(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row!;
}
