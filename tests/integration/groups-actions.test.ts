import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGroup, deleteGroup, updateGroup } from "@/app/(admin)/groups/actions";
import { createQueue } from "@/app/(admin)/queues/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getGroupById, listGroups } from "@/lib/db/queries/groups";
import { extensionGroupMembers, extensionGroups } from "@/lib/db/schema/extensions";
import { queues } from "@/lib/db/schema/queues";
import type { User } from "@/lib/db/schema/users";
import type { CreateGroupInput } from "@/lib/validations/group";
import type { CreateQueueInput } from "@/lib/validations/queue";
import { auditFor, countRows, insertExtension, pendingFor } from "../support/telephony";
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
  await insertExtension({ number: "201", displayName: "Alice" });
  await insertExtension({ number: "202", displayName: "Bob" });
  await insertExtension({ number: "203", displayName: "Carol", voicemailEnabled: true });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

let nextNumber = 600;
const freshNumber = () => String(nextNumber++);

const group = (over: Partial<CreateGroupInput> = {}): CreateGroupInput => ({
  number: freshNumber(),
  name: "Sales",
  strategy: "hunt",
  ringTime: 20,
  members: [],
  failover: { type: "hangup", target: "" },
  ...over,
});

const queue = (over: Partial<CreateQueueInput> = {}): CreateQueueInput => ({
  number: freshNumber(),
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
  ...over,
});

async function created(input: CreateGroupInput): Promise<string> {
  const result = await createGroup(input);
  if (!result.ok) throw new Error(`createGroup failed: ${JSON.stringify(result.error)}`);
  return result.data.id;
}

async function membersOf(groupId: string) {
  return (await getGroupById({ id: groupId }))!.members.map((m) => m.number);
}

describe("createGroup", () => {
  it("saves the group with its members in order, audits it and marks it pending", async () => {
    const input = group({
      name: "Front desk",
      members: ["203", "201", "202"],
      failover: { type: "voicemail", target: "203" },
    });
    const id = await created(input);

    const row = await getGroupById({ id });
    expect(row).toMatchObject({
      number: input.number,
      name: "Front desk",
      strategy: "hunt",
      ringTime: 20,
      failoverType: "voicemail",
      failoverTarget: "203",
    });
    expect(row!.members.map((m) => [m.number, m.position])).toEqual([
      ["203", 0],
      ["201", 1],
      ["202", 2],
    ]);

    const [entry, ...more] = await auditFor(id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: "group.create",
      entity: "group",
      entityLabel: `${input.number} Front desk`,
      userId: admin.id,
      before: null,
      after: {
        number: input.number,
        name: "Front desk",
        members: ["203", "201", "202"],
        failoverType: "voicemail",
        failoverTarget: "203",
      },
    });
    const [pending] = await pendingFor(id);
    expect(pending).toMatchObject({
      entity: "group",
      action: "create",
      entityLabel: `${input.number} Front desk`,
      userId: admin.id,
      revisionId: null,
    });
  });

  it("trims spaces and stores hangup with no target", async () => {
    const number = freshNumber();
    const id = await created(group({ number: ` ${number} `, name: " Sales team " }));
    expect(await getGroupById({ id })).toMatchObject({
      number,
      name: "Sales team",
      failoverType: "hangup",
      failoverTarget: null,
    });
  });

  it("reports every field error for bad input and writes nothing", async () => {
    const before = await countRows();
    const groupsBefore = await db.$count(extensionGroups);
    const result = await createGroup({
      number: "1",
      name: "",
      strategy: "roundrobin" as "hunt",
      ringTime: 4,
      members: ["201", "201"],
      failover: { type: "queue", target: "" },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("bad_request:input");
    expect(result.error.fieldErrors).toEqual({
      number: ["Use 2 to 8 digits."],
      name: ["Enter a name."],
      strategy: ["Choose a strategy."],
      ringTime: ["Enter a whole number from 5 to 300 seconds."],
      members: ["Each extension can be in the group only once."],
      "failover.target": ["Choose the queue calls go to."],
    });
    expect(await db.$count(extensionGroups)).toBe(groupsBefore);
    expect(await countRows()).toEqual(before);
  });

  it.each([
    [301, false],
    [300, true],
    [5, true],
    [2.5, false],
  ])("ring time %s accepted: %s", async (ringTime, ok) => {
    const result = await createGroup(group({ ringTime }));
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.error.fieldErrors).toHaveProperty("ringTime");
  });

  it("refuses unknown member extensions by number", async () => {
    const result = await createGroup(group({ members: ["201", "299", "298"] }));
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { members: ["There are no extensions 299, 298."] } },
    });
  });
});

describe("destination validation", () => {
  it.each([
    ["a missing extension", { type: "extension", target: "299" }, "There is no extension 299."],
    ["a missing group", { type: "group", target: "699" }, "There is no ring group 699."],
    ["a missing queue", { type: "queue", target: "799" }, "There is no queue 799."],
    [
      "the wrong type (an extension as a group)",
      { type: "group", target: "201" },
      "201 is an extension, not a ring group.",
    ],
    [
      "voicemail on an extension without a box",
      { type: "voicemail", target: "201" },
      "Extension 201 has no voicemail box.",
    ],
    ["an empty target", { type: "extension", target: "" }, "Choose the extension calls go to."],
    ["a target for hangup", { type: "hangup", target: "201" }, "Hang up takes no target."],
  ] as const)("refuses %s with a field error on failover.target", async (_label, failover, message) => {
    const before = await countRows();
    const result = await createGroup(group({ failover }));
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { "failover.target": [message] } } });
    expect(await countRows()).toEqual(before);
  });

  it("refuses an unknown destination type", async () => {
    const result = await createGroup(group({ failover: { type: "dial" as "hangup", target: "" } }));
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { "failover.type": ["Choose where calls go."] } },
    });
  });

  it("names the real kind when a group target is a queue", async () => {
    const q = await createQueue(queue());
    expect(q.ok).toBe(true);
    const [row] = await db.select().from(queues).orderBy(asc(queues.createdAt)).limit(1);
    const result = await createGroup(group({ failover: { type: "group", target: row!.number } }));
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { "failover.target": [`${row!.number} is a queue, not a ring group.`] } },
    });
  });

  it("accepts each valid kind of destination", async () => {
    const target = await created(group());
    const targetNumber = (await getGroupById({ id: target }))!.number;
    for (const failover of [
      { type: "extension", target: "201" },
      { type: "voicemail", target: "203" },
      { type: "group", target: targetNumber },
    ] as const) {
      expect((await createGroup(group({ failover }))).ok).toBe(true);
    }
  });

  it("refuses a group that fails over to itself", async () => {
    const number = freshNumber();
    const result = await createGroup(group({ number, failover: { type: "group", target: number } }));
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { "failover.target": ["A group cannot fail over to itself."] } },
    });
  });

  it("refuses a failover loop through other groups and queues", async () => {
    // A → (new) B → (new) queue Q → A would bounce a call for ever.
    const aNumber = freshNumber();
    const aId = await created(group({ number: aNumber }));
    const bNumber = freshNumber();
    await created(group({ number: bNumber, failover: { type: "group", target: aNumber } }));
    const qNumber = freshNumber();
    expect(
      (await createQueue(queue({ number: qNumber, outOfHours: { type: "group", target: bNumber } }))).ok,
    ).toBe(true);
    const result = await updateGroup({
      ...group({ number: aNumber }),
      id: aId,
      failover: { type: "queue", target: qNumber },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          "failover.target": [
            `That loops back: ring group ${aNumber} → queue ${qNumber} → ring group ${bNumber} → ring group ${aNumber}.`,
          ],
        },
      },
    });
    expect((await getGroupById({ id: aId }))!.failoverType).toBe("hangup");
  });
});

describe("number uniqueness across extensions, groups and queues", () => {
  it("refuses an extension's number", async () => {
    const result = await createGroup(group({ number: "201" }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "conflict:number",
        fieldErrors: { number: ['201 is already used by the extension "Alice".'] },
      },
    });
  });

  it("refuses another group's number, and a queue's", async () => {
    const number = freshNumber();
    await created(group({ number, name: "First" }));
    expect(await createGroup(group({ number }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { number: [`${number} is already used by the group "First".`] } },
    });
    const qNumber = freshNumber();
    expect((await createQueue(queue({ number: qNumber, name: "Helpdesk" }))).ok).toBe(true);
    expect(await createGroup(group({ number: qNumber }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { number: [`${qNumber} is already used by the queue "Helpdesk".`] } },
    });
  });

  it("lets a group keep its own number on update", async () => {
    const input = group();
    const id = await created(input);
    expect((await updateGroup({ ...input, id, name: "Renamed" })).ok).toBe(true);
  });

  it("reports a taken number together with a bad member", async () => {
    const result = await createGroup(group({ number: "202", members: ["297"] }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          number: ['202 is already used by the extension "Bob".'],
          members: ["There is no extension 297."],
        },
      },
    });
  });
});

describe("updateGroup", () => {
  it("replaces the members in their new order and audits before and after", async () => {
    const input = group({ members: ["201", "202"] });
    const id = await created(input);
    const result = await updateGroup({
      ...input,
      id,
      name: "Sales EU",
      strategy: "ringall",
      ringTime: 45,
      members: ["202", "203", "201"],
      failover: { type: "extension", target: "203" },
    });
    expect(result).toEqual({ ok: true, data: { id } });
    expect(await membersOf(id)).toEqual(["202", "203", "201"]);

    const [entry] = await auditFor(id);
    expect(entry).toMatchObject({
      action: "group.update",
      entityLabel: `${input.number} Sales EU`,
      before: {
        name: "Sales",
        strategy: "hunt",
        ringTime: 20,
        members: ["201", "202"],
        failoverType: "hangup",
      },
      after: {
        name: "Sales EU",
        strategy: "ringall",
        ringTime: 45,
        members: ["202", "203", "201"],
        failoverType: "extension",
        failoverTarget: "203",
      },
    });
    expect((await pendingFor(id)).map((p) => p.action)).toEqual(["update", "create"]);
  });

  it("saves a pure reorder as a change", async () => {
    const input = group({ members: ["201", "202", "203"] });
    const id = await created(input);
    expect((await updateGroup({ ...input, id, members: ["203", "202", "201"] })).ok).toBe(true);
    expect(await membersOf(id)).toEqual(["203", "202", "201"]);
    expect((await auditFor(id))[0]).toMatchObject({
      before: { members: ["201", "202", "203"] },
      after: { members: ["203", "202", "201"] },
    });
  });

  it("records nothing when nothing changed", async () => {
    const input = group({ members: ["201"] });
    const id = await created(input);
    const before = await countRows();
    expect(await updateGroup({ ...input, id })).toEqual({ ok: true, data: { id } });
    expect(await countRows()).toEqual(before);
  });

  it("answers an unknown id with not_found", async () => {
    expect(await updateGroup({ ...group(), id: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: "not_found:group" },
    });
  });

  it("refuses to renumber a group others still point at", async () => {
    const target = group();
    const id = await created(target);
    const other = group({ name: "Overflow", failover: { type: "group", target: target.number } });
    await created(other);
    const result = await updateGroup({ ...target, id, number: freshNumber() });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: "conflict:in_use",
        fieldErrors: {
          number: [
            `Ring group ${target.number} is still used by ring group ${other.number} “Overflow” (failover). Point it elsewhere first.`,
          ],
        },
      },
    });
    expect((await getGroupById({ id }))!.number).toBe(target.number);
  });
});

describe("deleteGroup", () => {
  it("deletes the group and its members, audits the last state and marks it pending", async () => {
    const input = group({ members: ["201", "202"] });
    const id = await created(input);
    expect(await deleteGroup({ id })).toEqual({ ok: true, data: { id } });
    expect(await getGroupById({ id })).toBeUndefined();
    expect(await db.$count(extensionGroupMembers, eq(extensionGroupMembers.groupId, id))).toBe(0);
    expect((await auditFor(id))[0]).toMatchObject({
      action: "group.delete",
      entityLabel: `${input.number} Sales`,
      before: { number: input.number, members: ["201", "202"] },
      after: null,
    });
    expect((await pendingFor(id))[0]).toMatchObject({ action: "delete", entity: "group" });
  });

  it("refuses while another group or a queue still sends calls to it, and says which", async () => {
    const target = group({ name: "Target" });
    const id = await created(target);
    const viaGroup = group({ name: "Overflow", failover: { type: "group", target: target.number } });
    await created(viaGroup);
    const viaQueue = queue({ name: "Night", outOfHours: { type: "group", target: target.number } });
    expect((await createQueue(viaQueue)).ok).toBe(true);

    const before = await countRows();
    const result = await deleteGroup({ id });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "conflict:in_use",
        message: `Ring group ${target.number} is still used by ring group ${viaGroup.number} “Overflow” (failover), queue ${viaQueue.number} “Night” (out-of-hours destination). Point them elsewhere first.`,
      },
    });
    expect(await getGroupById({ id })).toBeDefined();
    expect(await countRows()).toEqual(before);
  });
});

describe("who may manage ring groups", () => {
  it.each(["agent", "supervisor", "qa"] as const)("refuses a %s and writes nothing", async (role) => {
    const input = group();
    const id = await created(input);
    session.current = currentUserFor(await insertUser({ role }));
    const before = await countRows();
    const results = await Promise.all([
      createGroup(group()),
      updateGroup({ ...input, id, name: "Hijacked" }),
      deleteGroup({ id }),
    ]);
    for (const r of results)
      expect(r).toEqual({
        ok: false,
        error: expect.objectContaining({ code: "forbidden:extensions.write" }),
      });
    expect((await getGroupById({ id }))!.name).toBe("Sales");
    expect(await countRows()).toEqual(before);
  });

  it("refuses without a session", async () => {
    session.current = null;
    expect(await createGroup(group())).toMatchObject({ ok: false, error: { code: "unauthorized:session" } });
  });
});

describe("listGroups", () => {
  it("pages through every group once in number order, and searches number and name", async () => {
    const all = await listGroups({ limit: 1000 });
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listGroups({ cursor, limit: 3 });
      seen.push(...page.rows.map((r) => r.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.rows.map((r) => r.number));
    expect(seen).toEqual([...seen].sort((a, b) => a.length - b.length || a.localeCompare(b)));
    expect(new Set(seen).size).toBe(seen.length);

    const hits = await listGroups({ q: "front" });
    expect(hits.rows.map((r) => r.name)).toEqual(["Front desk"]);
    expect(hits.rows[0]!.memberCount).toBe(3);
    expect((await listGroups({ q: "%" })).rows).toEqual([]);
  });
});
