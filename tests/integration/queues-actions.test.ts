import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGroup } from "@/app/(admin)/groups/actions";
import { createQueue, deleteQueue, updateQueue } from "@/app/(admin)/queues/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getQueueById, listQueues } from "@/lib/db/queries/queues";
import { queueMembers, queues, queueVipCallers } from "@/lib/db/schema/queues";
import type { User } from "@/lib/db/schema/users";
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
  await insertExtension({ number: "301", displayName: "Dora" });
  await insertExtension({ number: "302", displayName: "Eve" });
  await insertExtension({ number: "303", displayName: "Finn", voicemailEnabled: true });
  await insertExtension({ number: "304", displayName: "Gus" });
});
afterAll(async () => {
  await testDb.drop();
});
beforeEach(() => {
  session.current = currentUserFor(admin);
});

let nextNumber = 700;
const freshNumber = () => String(nextNumber++);

const queue = (over: Partial<CreateQueueInput> = {}): CreateQueueInput => ({
  number: freshNumber(),
  name: "Support",
  strategy: "rrmemory",
  memberTimeout: 15,
  retry: 5,
  wrapupTime: 10,
  maxLen: 0,
  weight: 0,
  joinEmpty: true,
  leaveWhenEmpty: false,
  announcePosition: true,
  announceHoldTime: false,
  mohClass: "default",
  serviceLevel: 20,
  recordingPolicy: "always",
  staticMembers: [],
  dynamicMembers: [],
  vipCallers: [],
  activeHours: [],
  outOfHours: { type: "hangup", target: "" },
  ...over,
});

async function created(input: CreateQueueInput): Promise<string> {
  const result = await createQueue(input);
  if (!result.ok) throw new Error(`createQueue failed: ${JSON.stringify(result.error)}`);
  return result.data.id;
}

describe("createQueue", () => {
  it("saves settings, static members with penalties, dynamic agents, VIPs and hours; audits; marks pending", async () => {
    const input = queue({
      name: "Billing",
      staticMembers: [
        { number: "301", penalty: 0 },
        { number: "302", penalty: 5 },
      ],
      dynamicMembers: ["304"],
      vipCallers: [{ number: "+4930123456", priority: 50 }, { number: "*99#" }],
      activeHours: [
        { days: [5, 1, 2, 3, 4], start: "08:00", end: "18:00" },
        { days: [6], start: "10:00", end: "14:00" },
      ],
      outOfHours: { type: "voicemail", target: "303" },
    });
    const id = await created(input);

    const row = await getQueueById({ id });
    expect(row).toMatchObject({
      number: input.number,
      name: "Billing",
      strategy: "rrmemory",
      wrapupTime: 10,
      announcePosition: true,
      recordingPolicy: "always",
      mohClass: "default",
      activeHours: [
        { days: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" },
        { days: [6], start: "10:00", end: "14:00" },
      ],
      outOfHoursType: "voicemail",
      outOfHoursTarget: "303",
      staticMembers: [
        { number: "301", name: "Dora", penalty: 0 },
        { number: "302", name: "Eve", penalty: 5 },
      ],
      dynamicMembers: [{ number: "304", name: "Gus" }],
      vipCallers: [
        { number: "+4930123456", priority: 50 },
        { number: "*99#", priority: 10 },
      ],
    });
    const kinds = await db
      .select({ kind: queueMembers.kind })
      .from(queueMembers)
      .where(eq(queueMembers.queueId, id));
    expect(kinds.map((k) => k.kind).sort()).toEqual(["dynamic", "static", "static"]);

    const [entry, ...more] = await auditFor(id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: "queue.create",
      entity: "queue",
      entityLabel: `${input.number} Billing`,
      before: null,
      after: {
        staticMembers: [
          { number: "301", penalty: 0 },
          { number: "302", penalty: 5 },
        ],
        dynamicMembers: ["304"],
        vipCallers: [
          { number: "*99#", priority: 10 },
          { number: "+4930123456", priority: 50 },
        ],
        outOfHoursType: "voicemail",
        outOfHoursTarget: "303",
      },
    });
    expect((await pendingFor(id))[0]).toMatchObject({ entity: "queue", action: "create", revisionId: null });
  });

  it("uses the default music class when none is given, and collapses duplicate VIP numbers", async () => {
    const id = await created(
      queue({
        mohClass: "",
        vipCallers: [
          { number: "5551234", priority: 20 },
          { number: " 5551234 ", priority: 90 },
          { number: "5559999", priority: 1 },
        ],
      }),
    );
    const row = await getQueueById({ id });
    expect(row!.mohClass).toBe("default");
    expect(row!.vipCallers).toEqual([
      { number: "5551234", priority: 20 },
      { number: "5559999", priority: 1 },
    ]);
  });

  it("reports every field error for bad input and writes nothing", async () => {
    const before = await countRows();
    const queuesBefore = await db.$count(queues);
    const result = await createQueue(
      queue({
        number: "7",
        name: "",
        strategy: "fifo" as "ringall",
        memberTimeout: 0,
        retry: 601,
        wrapupTime: -1,
        maxLen: 1001,
        weight: 101,
        serviceLevel: 1.5,
        recordingPolicy: "sometimes" as "never",
        mohClass: "my class",
        staticMembers: [
          { number: "301", penalty: 11 },
          { number: "301", penalty: 0 },
        ],
        vipCallers: [{ number: "", priority: 0 }],
        activeHours: [
          { days: [], start: "09:00", end: "17:00" },
          { days: [1], start: "18:00", end: "09:00" },
          { days: [7], start: "24:00", end: "9:00" },
        ],
        outOfHours: { type: "extension", target: "" },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fieldErrors).toEqual({
      number: ["Use 2 to 8 digits."],
      name: ["Enter a name."],
      strategy: ["Choose a strategy."],
      memberTimeout: ["Enter a whole number from 1 to 600 seconds."],
      retry: ["Enter a whole number from 0 to 600 seconds."],
      wrapupTime: ["Enter a whole number from 0 to 600 seconds."],
      maxLen: ["Enter a whole number from 0 to 1000."],
      weight: ["Enter a whole number from 0 to 100."],
      serviceLevel: ["Enter a whole number from 0 to 600 seconds."],
      recordingPolicy: ["Choose a recording policy."],
      mohClass: ["Use 1–64 letters, digits, '-' or '_'."],
      "staticMembers.0.penalty": ["Enter a whole number from 0 to 10."],
      staticMembers: ["Each extension can be listed only once."],
      "vipCallers.0.number": ["Enter the caller's number."],
      "vipCallers.0.priority": ["Enter a whole number from 1 to 100."],
      "activeHours.0.days": ["Choose at least one day."],
      "activeHours.1.end": ["End must be after start."],
      "activeHours.2.days.0": [expect.any(String)],
      "activeHours.2.start": ["Use HH:MM, 24-hour."],
      "activeHours.2.end": ["Use HH:MM, 24-hour."],
      "outOfHours.target": ["Choose the extension calls go to."],
    });
    expect(await db.$count(queues)).toBe(queuesBefore);
    expect(await countRows()).toEqual(before);
  });

  it("refuses an extension that is both a static member and a dynamic agent", async () => {
    const result = await createQueue(
      queue({ staticMembers: [{ number: "301", penalty: 0 }], dynamicMembers: ["301"] }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          dynamicMembers: ["An extension is either a static member or logs in dynamically, not both."],
        },
      },
    });
  });

  it("refuses unknown member extensions on the list they were in", async () => {
    const result = await createQueue(
      queue({ staticMembers: [{ number: "399", penalty: 0 }], dynamicMembers: ["398"] }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          staticMembers: ["There is no extension 399."],
          dynamicMembers: ["There is no extension 398."],
        },
      },
    });
  });
});

describe("out-of-hours destination", () => {
  it.each([
    ["a missing queue", { type: "queue", target: "799" }, "There is no queue 799."],
    ["a missing group", { type: "group", target: "699" }, "There is no ring group 699."],
    ["the wrong type", { type: "queue", target: "301" }, "301 is an extension, not a queue."],
    ["voicemail without a box", { type: "voicemail", target: "302" }, "Extension 302 has no voicemail box."],
  ] as const)("refuses %s", async (_label, outOfHours, message) => {
    const before = await countRows();
    expect(await createQueue(queue({ outOfHours }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { "outOfHours.target": [message] } },
    });
    expect(await countRows()).toEqual(before);
  });

  it("refuses a queue that sends its closed-hours calls to itself", async () => {
    const number = freshNumber();
    expect(await createQueue(queue({ number, outOfHours: { type: "queue", target: number } }))).toMatchObject(
      {
        ok: false,
        error: { fieldErrors: { "outOfHours.target": ["A closed queue cannot send calls to itself."] } },
      },
    );
  });

  it("refuses a loop through a ring group", async () => {
    const q = queue();
    const id = await created(q);
    const gNumber = freshNumber();
    const g = await createGroup({
      number: gNumber,
      name: "Overflow",
      strategy: "ringall",
      ringTime: 20,
      members: [],
      failover: { type: "queue", target: q.number },
    });
    expect(g.ok).toBe(true);
    expect(await updateQueue({ ...q, id, outOfHours: { type: "group", target: gNumber } })).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          "outOfHours.target": [
            `That loops back: queue ${q.number} → ring group ${gNumber} → queue ${q.number}.`,
          ],
        },
      },
    });
  });
});

describe("number uniqueness", () => {
  it("refuses numbers of extensions, groups and queues", async () => {
    expect(await createQueue(queue({ number: "301" }))).toMatchObject({
      ok: false,
      error: {
        code: "conflict:number",
        fieldErrors: { number: ['301 is already used by the extension "Dora".'] },
      },
    });
    const gNumber = freshNumber();
    await createGroup({
      number: gNumber,
      name: "Desk",
      strategy: "ringall",
      ringTime: 20,
      members: [],
      failover: { type: "hangup" },
    });
    expect(await createQueue(queue({ number: gNumber }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { number: [`${gNumber} is already used by the group "Desk".`] } },
    });
    const q = queue({ name: "Existing" });
    await created(q);
    expect(await createQueue(queue({ number: q.number }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { number: [`${q.number} is already used by the queue "Existing".`] } },
    });
  });
});

describe("updateQueue", () => {
  it("replaces members, agents and VIPs, and audits before and after", async () => {
    const input = queue({
      staticMembers: [{ number: "301", penalty: 0 }],
      dynamicMembers: ["302"],
      vipCallers: [{ number: "111", priority: 10 }],
    });
    const id = await created(input);
    const result = await updateQueue({
      ...input,
      id,
      name: "Support Tier 2",
      strategy: "leastrecent",
      staticMembers: [
        { number: "302", penalty: 3 },
        { number: "303", penalty: 10 },
      ],
      dynamicMembers: ["301"],
      vipCallers: [{ number: "222", priority: 100 }],
      activeHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:30" }],
      outOfHours: { type: "extension", target: "304" },
    });
    expect(result).toEqual({ ok: true, data: { id } });
    const row = await getQueueById({ id });
    expect(row).toMatchObject({
      name: "Support Tier 2",
      strategy: "leastrecent",
      staticMembers: [
        { number: "302", penalty: 3 },
        { number: "303", penalty: 10 },
      ],
      dynamicMembers: [{ number: "301" }],
      vipCallers: [{ number: "222", priority: 100 }],
    });
    const [entry] = await auditFor(id);
    expect(entry).toMatchObject({
      action: "queue.update",
      entityLabel: `${input.number} Support Tier 2`,
      before: {
        name: "Support",
        staticMembers: [{ number: "301", penalty: 0 }],
        dynamicMembers: ["302"],
        vipCallers: [{ number: "111", priority: 10 }],
        activeHours: [],
        outOfHoursType: "hangup",
      },
      after: {
        name: "Support Tier 2",
        dynamicMembers: ["301"],
        vipCallers: [{ number: "222", priority: 100 }],
        activeHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:30" }],
        outOfHoursType: "extension",
        outOfHoursTarget: "304",
      },
    });
    expect((await pendingFor(id)).map((p) => p.action)).toEqual(["update", "create"]);
  });

  it("records nothing when nothing changed, even with lists in another order", async () => {
    const input = queue({
      staticMembers: [
        { number: "301", penalty: 1 },
        { number: "302", penalty: 0 },
      ],
      vipCallers: [
        { number: "5", priority: 10 },
        { number: "4", priority: 10 },
      ],
    });
    const id = await created(input);
    const before = await countRows();
    const same = {
      ...input,
      id,
      staticMembers: [...input.staticMembers].reverse(),
      vipCallers: [...input.vipCallers].reverse(),
    };
    expect(await updateQueue(same)).toEqual({ ok: true, data: { id } });
    expect(await countRows()).toEqual(before);
  });

  it("refuses to renumber a queue a group still fails over to", async () => {
    const input = queue({ name: "Renumber" });
    const id = await created(input);
    const gNumber = freshNumber();
    await createGroup({
      number: gNumber,
      name: "Lobby",
      strategy: "ringall",
      ringTime: 20,
      members: [],
      failover: { type: "queue", target: input.number },
    });
    expect(await updateQueue({ ...input, id, number: freshNumber() })).toMatchObject({
      ok: false,
      error: {
        code: "conflict:in_use",
        fieldErrors: {
          number: [
            `Queue ${input.number} is still used by ring group ${gNumber} “Lobby” (failover). Point it elsewhere first.`,
          ],
        },
      },
    });
    expect((await getQueueById({ id }))!.number).toBe(input.number);
  });

  it("answers an unknown id with not_found", async () => {
    expect(await updateQueue({ ...queue(), id: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: "not_found:queue" },
    });
  });
});

describe("deleteQueue", () => {
  it("deletes the queue with its members and VIPs; audits and marks pending", async () => {
    const input = queue({ staticMembers: [{ number: "301", penalty: 2 }], vipCallers: [{ number: "42" }] });
    const id = await created(input);
    expect(await deleteQueue({ id })).toEqual({ ok: true, data: { id } });
    expect(await getQueueById({ id })).toBeUndefined();
    expect(await db.$count(queueMembers, eq(queueMembers.queueId, id))).toBe(0);
    expect(await db.$count(queueVipCallers, eq(queueVipCallers.queueId, id))).toBe(0);
    expect((await auditFor(id))[0]).toMatchObject({
      action: "queue.delete",
      before: { number: input.number, staticMembers: [{ number: "301", penalty: 2 }] },
      after: null,
    });
    expect((await pendingFor(id))[0]).toMatchObject({ action: "delete", entity: "queue" });
  });

  it("refuses while a group's failover or another queue's out-of-hours points at it, and says which", async () => {
    const target = queue({ name: "Main" });
    const id = await created(target);
    const gNumber = freshNumber();
    await createGroup({
      number: gNumber,
      name: "Reception",
      strategy: "ringall",
      ringTime: 20,
      members: [],
      failover: { type: "queue", target: target.number },
    });
    const other = queue({ name: "Weekend", outOfHours: { type: "queue", target: target.number } });
    await created(other);
    const before = await countRows();
    expect(await deleteQueue({ id })).toEqual({
      ok: false,
      error: {
        code: "conflict:in_use",
        message: `Queue ${target.number} is still used by ring group ${gNumber} “Reception” (failover), queue ${other.number} “Weekend” (out-of-hours destination). Point them elsewhere first.`,
      },
    });
    expect(await getQueueById({ id })).toBeDefined();
    expect(await countRows()).toEqual(before);
  });
});

describe("who may manage queues", () => {
  it.each(["agent", "supervisor", "qa"] as const)("refuses a %s and writes nothing", async (role) => {
    const input = queue();
    const id = await created(input);
    session.current = currentUserFor(await insertUser({ role }));
    const before = await countRows();
    const results = await Promise.all([
      createQueue(queue()),
      updateQueue({ ...input, id, name: "Hijacked" }),
      deleteQueue({ id }),
    ]);
    for (const r of results)
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: "forbidden:queues.write" }) });
    expect((await getQueueById({ id }))!.name).toBe("Support");
    expect(await countRows()).toEqual(before);
  });

  it("lets a supervisor granted queues.write manage queues", async () => {
    session.current = currentUserFor(await insertUser({ role: "supervisor", grants: ["queues.write"] }));
    expect((await createQueue(queue())).ok).toBe(true);
  });
});

describe("listQueues", () => {
  it("pages every queue once in number order with member and VIP counts", async () => {
    const all = await listQueues({ limit: 1000 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listQueues({ cursor, limit: 2 });
      seen.push(...page.rows.map((r) => r.number));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.rows.map((r) => r.number));
    expect(new Set(seen).size).toBe(seen.length);
    const billing = (await listQueues({ q: "billing" })).rows;
    expect(billing).toHaveLength(1);
    expect(billing[0]).toMatchObject({ staticCount: 2, dynamicCount: 1, vipCount: 2 });
  });
});
