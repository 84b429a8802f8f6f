import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createQueue, updateQueue } from "@/app/(admin)/queues/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getQueueById } from "@/lib/db/queries/queues";
import { queueMembers, queues, queueVipCallers } from "@/lib/db/schema/queues";
import type { CreateQueueInput } from "@/lib/validations/queue";
import { countRows, INJECTION_CORPUS, insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let existingId: string;

const valid: CreateQueueInput = {
  number: "700",
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
  staticMembers: [{ number: "301", penalty: 0 }],
  dynamicMembers: ["302"],
  vipCallers: [{ number: "5551234", priority: 10 }],
  activeHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" }],
  outOfHours: { type: "extension", target: "301" },
};

beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
  await insertExtension({ number: "301" });
  await insertExtension({ number: "302" });
  const result = await createQueue(valid);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  existingId = result.data.id;
});
afterAll(async () => {
  await testDb.drop();
});

const windowWith = (w: Partial<{ start: string; end: string }>) => ({
  activeHours: [{ days: [1], start: "09:00", end: "17:00", ...w }],
});

/** Each string field of a queue, the field-error key it must fail on, and how to plant a value. */
const FIELDS: [string, string, (v: string) => Partial<CreateQueueInput>][] = [
  ["number", "number", (v) => ({ number: v })],
  ["name", "name", (v) => ({ name: v })],
  ["music-on-hold class", "mohClass", (v) => ({ mohClass: v })],
  ["VIP number", "vipCallers.1.number", (v) => ({ vipCallers: [{ number: "5551234" }, { number: v }] })],
  ["window start", "activeHours.0.start", (v) => windowWith({ start: v })],
  ["window end", "activeHours.0.end", (v) => windowWith({ end: v })],
  ["static member", "staticMembers.0.number", (v) => ({ staticMembers: [{ number: v, penalty: 0 }] })],
  ["dynamic agent", "dynamicMembers.0", (v) => ({ dynamicMembers: [v] })],
  ["out-of-hours target", "outOfHours.target", (v) => ({ outOfHours: { type: "queue", target: v } })],
  // Announcements name a library sound by id; its path is built from the id, never from input.
  ["join greeting", "joinAnnounceSoundId", (v) => ({ joinAnnounceSoundId: v })],
  [
    "periodic announcement",
    "periodicAnnounceSoundId",
    (v) => ({ periodicAnnounceSoundId: v, periodicAnnounceFrequency: 60 }),
  ],
  ["agent announcement", "agentAnnounceSoundId", (v) => ({ agentAnnounceSoundId: v })],
];

const cases = FIELDS.flatMap(([field, key, plant]) =>
  INJECTION_CORPUS.map(([label, value]) => ({ field, key, plant, label, value })),
);

describe("every queue string field refuses the injection corpus", () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    before = await snapshot();
  });

  it.each(cases)("create: $field with $label", async ({ key, plant, value }) => {
    const result = await createQueue({ ...valid, number: "710", ...plant(value) });
    expectFieldError(result, key);
    expect(await snapshot()).toEqual(before);
  });

  it.each(cases)("update: $field with $label", async ({ key, plant, value }) => {
    const result = await updateQueue({ ...valid, id: existingId, ...plant(value) });
    expectFieldError(result, key);
    expect(await snapshot()).toEqual(before);
  });

  it.each(
    ["strategy", "recordingPolicy"].flatMap((field) =>
      INJECTION_CORPUS.map(([label, value]) => ({ field, label, value })),
    ),
  )("the $field choice refuses $label", async ({ field, value }) => {
    expectFieldError(await createQueue({ ...valid, number: "711", [field]: value }), field);
    expect(await snapshot()).toEqual(before);
  });

  it.each(INJECTION_CORPUS)("numbers given as text are refused: %s", async (_label, value) => {
    const result = await createQueue({
      ...valid,
      number: "712",
      weight: value as unknown as number,
      vipCallers: [{ number: "1", priority: value as unknown as number }],
      staticMembers: [{ number: "301", penalty: value as unknown as number }],
      periodicAnnounceSoundId: "00000000-0000-4000-8000-000000000001",
      periodicAnnounceFrequency: value as unknown as number,
    });
    expectFieldError(result, "weight");
    expectFieldError(result, "periodicAnnounceFrequency");
    expect(result.ok || result.error.fieldErrors).toHaveProperty(["vipCallers.0.priority"]);
    expect(result.ok || result.error.fieldErrors).toHaveProperty(["staticMembers.0.penalty"]);
    expect(await snapshot()).toEqual(before);
  });
});

function expectFieldError(result: Awaited<ReturnType<typeof createQueue>>, key: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("bad_request:input");
  expect(result.error.fieldErrors?.[key]?.[0]).toMatch(/^[A-Z].+\.$/);
}

/** Everything a refused save must leave as it was. */
async function snapshot() {
  return {
    rows: await countRows(),
    queues: await db.$count(queues),
    members: await db.$count(queueMembers),
    vips: await db.$count(queueVipCallers),
    existing: await getQueueById({ id: existingId }),
  };
}
