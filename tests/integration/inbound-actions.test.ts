import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  addListEntries,
  createCallerList,
  deleteCallerList,
  removeListEntries,
} from "@/app/(admin)/caller-lists/actions";
import { createDid, deleteDid, updateDid } from "@/app/(admin)/dids/actions";
import { deleteExtension } from "@/app/(admin)/extensions/actions";
import { createQueue } from "@/app/(admin)/queues/actions";
import { createRingTree, deleteRingTree, updateRingTree } from "@/app/(admin)/ring-trees/actions";
import { closeAppAmi } from "@/lib/asterisk/ami/app-ami";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import { validateState } from "@/lib/asterisk/publish/validate-state";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getDidById, getQueueListIds, getRingTreeById } from "@/lib/db/queries/inbound";
import type { Extension } from "@/lib/db/schema/extensions";
import type { User } from "@/lib/db/schema/users";
import { reconcileAstdb } from "@/lib/routing/astdb-sync";
import { dryRun } from "@/lib/routing/dry-run/dry-run";
import type { CreateDidInput, CreateRingTreeInput } from "@/lib/validations/inbound";
import { type AnsweringAmi, pointAmiSettingsAt, startAnsweringAmi } from "../support/answering-ami";
import { parseDialplan, simulateCall } from "../support/dialplan-sim";
import { auditFor, countRows, insertExtension, pendingFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let supervisor: User;
let agent: User;
let ami: AnsweringAmi;
let ext301: Extension;

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  supervisor = await insertUser({ role: "supervisor" });
  agent = await insertUser({ role: "agent" });
  ext301 = await insertExtension({
    number: "301",
    displayName: "Alice",
    voicemailEnabled: true,
    voicemailPin: "1234",
  });
  await insertExtension({ number: "302", displayName: "Bob" });
  ami = await startAnsweringAmi();
  await pointAmiSettingsAt(ami.port);
});
afterAll(async () => {
  await closeAppAmi();
  await ami.close();
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

const did = (over: Partial<CreateDidInput> = {}): CreateDidInput => ({
  number: "+442071230000",
  description: "Main line",
  trunkName: "carrier-a",
  destination: { type: "extension", target: "301" },
  rules: [],
  lists: [],
  ...over,
});

const tree = (over: Partial<CreateRingTreeInput> = {}): CreateRingTreeInput => ({
  number: "7100",
  name: "Reception",
  lists: [],
  nodes: [
    { key: "n1", parentKey: null, kind: "extension", target: "301", listId: null, timeout: 15 },
    { key: "n2", parentKey: "n1", kind: "extension", target: "302", listId: null, timeout: 20 },
    { key: "n3", parentKey: "n2", kind: "voicemail", target: "301", listId: null, timeout: 5 },
  ],
  ...over,
});

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data;
}

async function fieldErrors(p: Promise<{ ok: boolean; error?: { fieldErrors?: Record<string, string[]> } }>) {
  const r = await p;
  expect(r.ok).toBe(false);
  return r.error?.fieldErrors ?? {};
}

describe("permissions", () => {
  it("refuses DIDs and ring trees to agents and supervisors, and lists to agents", async () => {
    session.current = currentUserFor(agent);
    const before = await countRows();
    for (const r of [
      await createDid(did()),
      await createRingTree(tree()),
      await createCallerList({ name: "X", kind: "block", description: "" }),
    ])
      expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^forbidden:/) } });
    session.current = currentUserFor(supervisor);
    expect(await createDid(did())).toMatchObject({ ok: false, error: { code: "forbidden:inbound.write" } });
    expect(await countRows()).toEqual(before);
  });
});

describe("DIDs", () => {
  it("creates a DID with rules and lists, audits it and marks it pending", async () => {
    const list = await ok(createCallerList({ name: "Spam", kind: "block", description: "" }));
    const { id } = await ok(
      createDid(
        did({
          number: " +44 (20) 7123-0001 ",
          rules: [{ pattern: "_07X.", destination: { type: "voicemail", target: "301" } }],
          lists: [list.id],
        }),
      ),
    );
    const row = await getDidById({ id });
    expect(row).toMatchObject({
      number: "+442071230001",
      trunkName: "carrier-a",
      destinationType: "extension",
      destinationTarget: "301",
      rules: [{ pattern: "_07X.", destinationType: "voicemail", destinationTarget: "301" }],
      lists: [list.id],
    });
    expect((await auditFor(id))[0]).toMatchObject({ action: "did.create", entity: "did" });
    expect((await pendingFor(id))[0]).toMatchObject({ entity: "did", action: "create", revisionId: null });
  });

  it("reports every bad field at once and writes nothing", async () => {
    const before = await countRows();
    const errors = await fieldErrors(
      createDid(
        did({
          number: "+44 abc",
          trunkName: "carrier a",
          destination: { type: "queue", target: "999" },
          rules: [
            { pattern: "_07X.,1", destination: { type: "hangup", target: "" } },
            { pattern: "_08X.", destination: { type: "voicemail", target: "302" } },
          ],
        }),
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(["number", "rules.0.pattern", "trunkName"]);
    // Shape errors first; the database checks run once the shape is right.
    const dbErrors = await fieldErrors(
      createDid(
        did({
          number: "+442071230002",
          destination: { type: "queue", target: "999" },
          rules: [{ pattern: "_08X.", destination: { type: "voicemail", target: "302" } }],
        }),
      ),
    );
    expect(dbErrors["destination.target"]?.[0]).toMatch(/no queue 999/);
    expect(dbErrors["rules.0.destination.target"]?.[0]).toMatch(/no voicemail box/);
    expect(await countRows()).toEqual(before);
  });

  it("refuses a number that is already a DID, and an unchanged save is no change", async () => {
    const { id } = await ok(createDid(did({ number: "+442071230003" })));
    expect((await fieldErrors(createDid(did({ number: "+442071230003" })))).number?.[0]).toMatch(/already/);
    const before = await countRows();
    await ok(updateDid({ ...did({ number: "+442071230003" }), id }));
    expect(await countRows()).toEqual(before);
    await ok(deleteDid({ id }));
    expect(await getDidById({ id })).toBeUndefined();
  });
});

describe("ring trees", () => {
  it("creates a tree in preorder and refuses numbers, depth and endings that can't work", async () => {
    const { id } = await ok(createRingTree(tree()));
    const saved = await getRingTreeById({ id });
    expect(saved?.nodes.map((n) => [n.nodeKey, n.parentKey, n.kind, n.target])).toEqual([
      ["n1", null, "extension", "301"],
      ["n2", "n1", "extension", "302"],
      ["n3", "n2", "voicemail", "301"],
    ]);
    expect((await fieldErrors(createRingTree(tree({ number: "301" })))).number?.[0]).toMatch(
      /already used by the extension/,
    );
    const deep = tree({
      number: "7101",
      nodes: [
        { key: "n1", parentKey: null, kind: "extension", target: "301", listId: null, timeout: 15 },
        { key: "n2", parentKey: "n1", kind: "extension", target: "302", listId: null, timeout: 15 },
        { key: "n3", parentKey: "n2", kind: "extension", target: "301", listId: null, timeout: 15 },
        { key: "n4", parentKey: "n3", kind: "extension", target: "302", listId: null, timeout: 4 },
      ],
    });
    const errors = await fieldErrors(createRingTree(deep));
    expect(errors["nodes.3.parentKey"]?.[0]).toMatch(/at most 3 levels/);
    expect(errors["nodes.3.timeout"]?.[0]).toMatch(/5 to 300/);
    const early = tree({
      number: "7102",
      nodes: [
        { key: "n1", parentKey: null, kind: "hangup", target: null, listId: null, timeout: 5 },
        { key: "n2", parentKey: null, kind: "extension", target: "999", listId: null, timeout: 15 },
      ],
    });
    const e2 = await fieldErrors(createRingTree(early));
    expect(e2["nodes.0.kind"]?.[0]).toMatch(/last node/);
    expect(e2["nodes.1.parentKey"]?.[0]).toMatch(/one root/);
    const missing = await fieldErrors(
      createRingTree(
        tree({
          number: "7103",
          nodes: [{ key: "n1", parentKey: null, kind: "group", target: "999", listId: null, timeout: 15 }],
        }),
      ),
    );
    expect(missing["nodes.0.target"]?.[0]).toMatch(/no ring group 999/);
  });

  it("can't be deleted or renumbered while a DID sends calls to it; its targets can't be deleted", async () => {
    const { id } = await ok(createRingTree(tree({ number: "7200" })));
    const d = await ok(
      createDid(did({ number: "+442071230100", destination: { type: "ringtree", target: "7200" } })),
    );
    const refused = await deleteRingTree({ id });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict:in_use" } });
    expect(refused.ok || refused.error.message).toMatch(/DID \+442071230100/);
    const renumber = await fieldErrors(updateRingTree({ ...tree({ number: "7201" }), id }));
    expect(renumber.number?.[0]).toMatch(/still used by DID/);
    const ext = await deleteExtension({ id: ext301.id });
    expect(ext.ok).toBe(false);
    expect(ext.ok || ext.error.message).toMatch(/ring tree 7100|DID/);
    await ok(deleteDid({ id: d.id }));
    await ok(deleteRingTree({ id }));
  });
});

describe("block and allow lists", () => {
  it("puts exact numbers in AstDB at once, leaves patterns for the apply, and deletes on removal", async () => {
    session.current = currentUserFor(supervisor);
    const list = await ok(createCallerList({ name: "Nuisance", kind: "block", description: "" }));
    const sent = ami.actions().length;
    const added = await ok(
      addListEntries({
        listId: list.id,
        entries: [
          { value: "+15550100", expiresInDays: null },
          { value: "0700123", expiresInDays: 7 },
          { value: "_0900X.", expiresInDays: null },
        ],
      }),
    );
    expect(added).toEqual({ added: 3, patterns: 1 });
    const puts = ami
      .actions()
      .slice(sent)
      .filter((a) => a.name === "DBPut");
    expect(puts.map((a) => [ami.header(a, "Family"), ami.header(a, "Key")])).toEqual([
      [`sblist/${list.id}`, "+15550100"],
      [`sblist/${list.id}`, "0700123"],
    ]);
    expect(ami.header(puts[0]!, "Val")).toBe("0");
    const expiry = Number(ami.header(puts[1]!, "Val"));
    expect(expiry).toBeGreaterThan(Date.now() / 1000 + 6.9 * 86400);
    expect((await pendingFor(list.id))[0]).toMatchObject({ entity: "callerlist" });

    const state = await loadConfigState(db);
    const entries = state.callerLists
      .find((l) => l.id === list.id)!
      .entries.map((e) => e.value)
      .sort();
    const ids = (await db.query.callerListEntries.findMany()).filter(
      (e) => e.listId === list.id && e.value === "+15550100",
    );
    const before = ami.actions().length;
    await ok(removeListEntries({ listId: list.id, ids: ids.map((e) => e.id) }));
    const del = ami
      .actions()
      .slice(before)
      .filter((a) => a.name === "DBDel");
    expect(del.map((a) => ami.header(a, "Key"))).toEqual(["+15550100"]);
    expect(entries).toEqual(["+15550100", "0700123", "_0900X."].sort());
  });

  it("refuses bad entries field by field, and keeps a list that is in use", async () => {
    session.current = currentUserFor(admin);
    const list = await ok(createCallerList({ name: "Used", kind: "block", description: "" }));
    const errors = await fieldErrors(
      addListEntries({
        listId: list.id,
        entries: [
          { value: "123", expiresInDays: 0 },
          { value: "1;2", expiresInDays: null },
        ],
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(["entries.0.expiresInDays", "entries.1.value"]);
    await ok(createDid(did({ number: "+442071230200", lists: [list.id] })));
    const refused = await deleteCallerList({ id: list.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict:in_use" } });
    expect(refused.ok || refused.error.message).toMatch(/DID \+442071230200/);
  });

  it("assigns lists to queues, and the compiled queue screens with them", async () => {
    const list = await ok(createCallerList({ name: "Queue allow", kind: "allow", description: "" }));
    const q = await ok(
      createQueue({
        number: "5100",
        name: "Support",
        strategy: "ringall",
        memberTimeout: 15,
        retry: 5,
        wrapupTime: 0,
        maxLen: 0,
        weight: 0,
        joinEmpty: true,
        leaveWhenEmpty: false,
        announcePosition: false,
        announceHoldTime: false,
        mohClass: "default",
        serviceLevel: 20,
        recordingPolicy: "never",
        staticMembers: [],
        dynamicMembers: [],
        vipCallers: [],
        activeHours: [],
        outOfHours: { type: "hangup", target: "" },
        callerLists: [list.id],
      }),
    );
    expect(await getQueueListIds({ queueId: q.id })).toEqual([list.id]);
    const conf = renderConfig(await loadConfigState(db)).get("extensions_switchboard.conf")!;
    expect(conf).toContain(
      `exten => 5100,1,Set(QUEUE_PRIO=0)\n same => n,Set(__SB_QUEUE=5100)\n same => n,Gosub(sb-screen,s,1(${list.id},))`,
    );
  });

  it("reconciles AstDB with the database: what is missing is put, expired entries left out", async () => {
    const before = ami.actions().length;
    const r = await reconcileAstdb(db, (name, headers) =>
      import("@/lib/asterisk/ami/app-ami").then((m) => m.appAmiAction(name, headers)),
    );
    const sent = ami.actions().slice(before);
    expect(sent.map((a) => a.name).filter((n) => n !== "DBPut")).toEqual(["DBGetTree"]);
    expect(sent.filter((a) => a.name === "DBPut").map((a) => ami.header(a, "Key"))).toEqual(["0700123"]);
    expect(r).toMatchObject({ put: 1, deleted: 0 });
  });
});

describe("the database state, the dialplan and the dry run", () => {
  it("agree for DIDs built through the actions", async () => {
    const spam = await ok(createCallerList({ name: "Agree spam", kind: "block", description: "" }));
    await ok(addListEntries({ listId: spam.id, entries: [{ value: "+15559999", expiresInDays: null }] }));
    await ok(createRingTree(tree({ number: "7300", name: "Agree" })));
    await ok(
      createDid(
        did({
          number: "+442071239999",
          destination: { type: "ringtree", target: "7300" },
          rules: [{ pattern: "_+1555X.", destination: { type: "extension", target: "302" } }],
          lists: [spam.id],
        }),
      ),
    );
    const state = await loadConfigState(db);
    expect(validateState(state)).toEqual([]);
    const plan = parseDialplan(renderConfig(state).get("extensions_switchboard.conf")!);
    const astdb = new Map<string, string>();
    for (const l of state.callerLists)
      for (const e of l.entries)
        if (!e.value.startsWith("_")) astdb.set(`sblist/${l.id}/${e.value}`, String(e.expiresAt ?? 0));
    const at = new Date();
    for (const callerId of ["+15559999", "+15551234", "+441999000000"]) {
      const predicted = dryRun(state, { did: "+442071239999", callerId, at, digits: [] });
      const real = simulateCall(plan, {
        context: "sb-from-trunk",
        exten: "+442071239999",
        callerId,
        epoch: Math.floor(at.getTime() / 1000),
        astdb,
      });
      expect(real.steps).toEqual(predicted.steps);
    }
    expect(dryRun(state, { did: "+442071239999", callerId: "+15559999", at, digits: [] }).end).toEqual({
      kind: "refused",
    });
  });
});
