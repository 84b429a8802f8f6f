import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deleteExtension } from "@/app/(admin)/extensions/actions";
import { createIvr, deleteIvr, restoreIvrVersion, saveIvr } from "@/app/(admin)/ivrs/actions";
import { createQueue } from "@/app/(admin)/queues/actions";
import { createMohClass, deleteMohClass, deleteSound, updateMohClass } from "@/app/(admin)/sounds/actions";
import {
  createTimeCondition,
  deleteTimeCondition,
  updateTimeCondition,
} from "@/app/(admin)/time-conditions/actions";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { renderConfig } from "@/lib/asterisk/compiler/render";
import { validateState } from "@/lib/asterisk/publish/validate-state";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listIvrVersions } from "@/lib/db/queries/ivrs";
import { ivrs, sounds } from "@/lib/db/schema/ivr";
import type { User } from "@/lib/db/schema/users";
import type { IvrGraphInput } from "@/lib/ivr/graph";
import type { CreateTimeConditionInput } from "@/lib/validations/time-condition";
import { auditFor, countRows, INJECTION_CORPUS, insertExtension, pendingFor } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let admin: User;
let soundId = "";
let extId = "";

const tc = (patch: Partial<CreateTimeConditionInput> = {}): CreateTimeConditionInput => ({
  number: "810",
  name: "Office",
  schedule: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "16:59" }],
  holidays: [{ name: "Winter", start: "2026-12-24", end: "2027-01-02" }],
  matched: { type: "extension", target: "301" },
  unmatched: { type: "voicemail", target: "301" },
  ...patch,
});

const graph = (extra: Partial<IvrGraphInput> = {}): IvrGraphInput => ({
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    {
      id: "menu",
      type: "menu",
      position: { x: 1, y: 0 },
      data: { promptSoundId: soundId, keys: ["1", "2"], timeout: 5, retries: 1 },
    },
    {
      id: "office",
      type: "destination",
      position: { x: 2, y: 0 },
      data: { destination: { type: "timecondition", target: "810" } },
    },
    { id: "vm", type: "voicemail", position: { x: 2, y: 1 }, data: { mailbox: "301" } },
    { id: "bye", type: "hangup", position: { x: 2, y: 2 }, data: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourceHandle: "next", target: "menu" },
    { id: "e2", source: "menu", sourceHandle: "key-1", target: "office" },
    { id: "e3", source: "menu", sourceHandle: "key-2", target: "vm" },
    { id: "e4", source: "menu", sourceHandle: "timeout", target: "bye" },
    { id: "e5", source: "menu", sourceHandle: "invalid", target: "bye" },
  ],
  ...extra,
});

beforeAll(async () => {
  testDb = await useTestDb();
  admin = await insertUser({ role: "admin" });
  extId = (await insertExtension({ number: "301", voicemailEnabled: true, voicemailPin: "1234" })).id;
  const [s] = await db
    .insert(sounds)
    .values({ name: "greeting", sourceFormat: "wav", bytes: 1000, durationMs: 500 })
    .returning();
  soundId = s!.id;
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

describe("time conditions", () => {
  it("creates one, staged and audited, and refuses a taken number or a missing destination", async () => {
    const made = await createTimeCondition(tc());
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    expect((await pendingFor(made.data.id))[0]).toMatchObject({ entity: "timecondition", action: "create" });
    expect((await auditFor(made.data.id))[0]).toMatchObject({ action: "timecondition.create" });

    const before = await countRows();
    const clash = await createTimeCondition(tc({ number: "301", matched: { type: "queue", target: "999" } }));
    expect(clash.ok).toBe(false);
    if (!clash.ok) {
      expect(clash.error.fieldErrors?.number?.[0]).toContain("301 is already used by the extension");
      expect(clash.error.fieldErrors?.["matched.target"]?.[0]).toBe("There is no queue 999.");
    }
    expect(await countRows()).toEqual(before);
  });

  it("gives field errors for bad rules and holidays", async () => {
    const bad = await createTimeCondition(
      tc({
        number: "811",
        schedule: [{ days: [], start: "17:00", end: "09:00" }],
        holidays: [{ name: "x", start: "2026-02-30", end: "2026-01-01" }],
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(Object.keys(bad.error.fieldErrors ?? {})).toEqual(
        expect.arrayContaining(["schedule.0.days", "schedule.0.end", "holidays.0.start"]),
      );
    }
  });

  it.each(INJECTION_CORPUS)("refuses %s in the number, name and times", async (_label, payload) => {
    const before = await countRows();
    for (const patch of [
      { number: payload },
      { name: payload },
      { schedule: [{ days: [1], start: payload, end: "10:00" }] },
      { holidays: [{ name: payload, start: "2026-01-01", end: "2026-01-01" }] },
    ]) {
      const r = await createTimeCondition(tc({ number: "812", ...patch }));
      expect(r.ok).toBe(false);
    }
    expect(await countRows()).toEqual(before);
  });

  it("cannot point at itself", async () => {
    const r = await createTimeCondition(
      tc({ number: "813", matched: { type: "timecondition", target: "813" } }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.fieldErrors?.["matched.target"]).toEqual([
        "A time condition cannot send calls to itself.",
      ]);
  });
});

describe("IVRs", () => {
  let ivrId = "";

  it("creates an IVR as version 1, with its references", async () => {
    const r = await createIvr({ number: "820", name: "Main", graph: graph() });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    ivrId = r.data.id;
    expect(r.data.version).toBe(1);
    expect((await pendingFor(ivrId))[0]).toMatchObject({ entity: "ivr", action: "create" });
    expect(await listIvrVersions({ ivrId })).toHaveLength(1);
  });

  it("refuses a broken graph with errors keyed by step and connection, saving nothing", async () => {
    const before = await countRows();
    const g = graph();
    g.edges = g.edges.filter((e) => e.id !== "e3");
    g.edges.push({ id: "ghost", source: "menu", sourceHandle: "key-1", target: "nowhere" });
    g.nodes.push({ id: "lost", type: "hangup", position: { x: 0, y: 0 }, data: {} });
    const bad = await saveIvr({ id: ivrId, number: "820", name: "Main", graph: g });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.fieldErrors?.["graph.node.menu"]).toContain("Menu: “Key 2” goes nowhere.");
      expect(bad.error.fieldErrors?.["graph.edge.ghost"]).toEqual([
        "This connection is not attached at both ends.",
      ]);
      expect(bad.error.fieldErrors?.["graph.node.lost"]).toEqual(["Hang up can never be reached."]);
    }
    expect(await countRows()).toEqual(before);
  });

  it("checks destinations, sounds and mailboxes against the database", async () => {
    const g = graph();
    g.nodes = g.nodes.map((n) =>
      n.id === "office"
        ? { ...n, data: { destination: { type: "queue", target: "899" } } }
        : n.id === "menu"
          ? {
              ...n,
              data: {
                promptSoundId: "00000000-0000-4000-8000-00000000dead",
                keys: ["1", "2"],
                timeout: 5,
                retries: 1,
              },
            }
          : n,
    ) as IvrGraphInput["nodes"];
    const bad = await saveIvr({ id: ivrId, number: "820", name: "Main", graph: g });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.fieldErrors?.["graph.node.office"]).toEqual(["Route to: There is no queue 899."]);
      expect(bad.error.fieldErrors?.["graph.node.menu"]).toEqual([
        "Menu prompt: that sound no longer exists.",
      ]);
    }
  });

  it("saves each change as a new version and restores an old one as the newest", async () => {
    const g = graph();
    g.nodes = g.nodes.map((n) =>
      n.id === "menu" ? { ...n, data: { ...n.data, timeout: 9 } } : n,
    ) as IvrGraphInput["nodes"];
    const v2 = await saveIvr({ id: ivrId, number: "820", name: "Main", graph: g });
    expect(v2.ok && v2.data.version).toBe(2);
    const same = await saveIvr({ id: ivrId, number: "820", name: "Main", graph: g });
    expect(same.ok && same.data.version).toBe(2);
    const v3 = await restoreIvrVersion({ id: ivrId, version: 1 });
    expect(v3.ok && v3.data.version).toBe(3);
    const [row] = await db.select().from(ivrs).where(eq(ivrs.id, ivrId));
    expect(JSON.stringify(row!.graph)).toContain('"timeout":5');
    expect((await listIvrVersions({ ivrId }))[0]).toMatchObject({
      version: 3,
      note: "restored from version 1",
    });
  });

  it.each(INJECTION_CORPUS)("refuses %s as number, name or node id", async (_label, payload) => {
    const before = await countRows();
    const g = graph();
    g.nodes[4] = { ...g.nodes[4]!, id: payload };
    for (const input of [
      { number: payload, name: "X", graph: graph() },
      { number: "821", name: payload, graph: graph() },
      { number: "821", name: "X", graph: g },
    ]) {
      expect((await createIvr(input)).ok).toBe(false);
    }
    expect(await countRows()).toEqual(before);
  });

  it("compiles to a context that the state validator accepts", async () => {
    const state = await loadConfigState(db, { timezone: "Europe/London" });
    expect(validateState(state)).toEqual([]);
    const dialplan = renderConfig(state).get("extensions_switchboard.conf")!;
    expect(dialplan).toContain("[sb-ivr-820]");
    expect(dialplan).toContain("exten => 820,1,Goto(sb-ivr-820,s,1)");
    expect(dialplan).toContain("GotoIfTime(*,*,24-31,dec,Europe/London?unmatched)");
  });
});

describe("deletes of things still in use", () => {
  it("refuses to delete a time condition an IVR routes to, and an extension an IVR uses as mailbox", async () => {
    const [tcRow] = (await db.query.timeConditions.findMany()).filter((t) => t.number === "810");
    const r = await deleteTimeCondition({ id: tcRow!.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain("IVR 820 “Main”");
    const renumber = await updateTimeCondition({ ...tc(), id: tcRow!.id, number: "819" });
    expect(renumber.ok).toBe(false);
    const ext = await deleteExtension({ id: extId });
    expect(ext.ok).toBe(false);
    if (!ext.ok) expect(ext.error.message).toMatch(/time condition 810|IVR 820/);
  });

  it("refuses to delete a sound an IVR or a class plays, and a class a queue plays", async () => {
    const cls = await createMohClass({ name: "calm", sort: "random", sounds: [soundId] });
    if (!cls.ok) throw new Error(JSON.stringify(cls.error));
    const s = await deleteSound({ id: soundId });
    expect(s.ok).toBe(false);
    if (!s.ok) {
      expect(s.error.message).toContain("music-on-hold class “calm”");
      expect(s.error.message).toContain("IVR 820 “Main”");
    }
    await insertExtension({ number: "302" });
    const q = await createQueue({
      number: "830",
      name: "Hold test",
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
      mohClass: "calm",
      serviceLevel: 20,
      recordingPolicy: "never",
      staticMembers: [{ number: "302", penalty: 0 }],
      dynamicMembers: [],
      vipCallers: [],
      activeHours: [],
      outOfHours: { type: "hangup", target: null },
    });
    expect(q.ok).toBe(true);
    const unknown = await createQueue({
      ...(q.ok ? {} : {}),
      number: "831",
      name: "No class",
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
      mohClass: "nosuch",
      serviceLevel: 20,
      recordingPolicy: "never",
      staticMembers: [],
      dynamicMembers: [],
      vipCallers: [],
      activeHours: [],
      outOfHours: { type: "hangup", target: null },
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok)
      expect(unknown.error.fieldErrors?.mohClass?.[0]).toContain("There is no music-on-hold class “nosuch”");
    const del = await deleteMohClass({ id: cls.data.id });
    expect(del.ok).toBe(false);
    if (!del.ok) expect(del.error.message).toContain("queue 830 “Hold test”");
    const rename = await updateMohClass({
      id: cls.data.id,
      name: "calmer",
      sort: "random",
      sounds: [soundId],
    });
    expect(rename.ok).toBe(false);
    const dflt = await createMohClass({ name: "default", sort: "alpha", sounds: [soundId] });
    expect(dflt.ok).toBe(false);
  });

  it("deletes an IVR nothing points at, with its versions", async () => {
    const [row] = await db.select().from(ivrs).where(eq(ivrs.number, "820"));
    const r = await deleteIvr({ id: row!.id });
    expect(r.ok).toBe(true);
    expect(await listIvrVersions({ ivrId: row!.id })).toEqual([]);
  });

  it("refuses everything to a user without the permission", async () => {
    const agent = await insertUser({ role: "agent" });
    session.current = currentUserFor(agent);
    const r = await createTimeCondition(tc({ number: "850" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("forbidden:ivrs.write");
    const s = await deleteSound({ id: soundId });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error.code).toBe("forbidden:sounds.write");
  });
});

describe("saving an unchanged time condition", () => {
  it("is not a change: no audit row, nothing pending", async () => {
    session.current = currentUserFor(admin);
    const made = await createTimeCondition(tc({ number: "860", holidays: [] }));
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    const before = await countRows();
    const again = await updateTimeCondition({ ...tc({ number: "860", holidays: [] }), id: made.data.id });
    expect(again.ok).toBe(true);
    expect(await countRows()).toEqual(before);
  });
});
