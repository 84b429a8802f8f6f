import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createGroup, updateGroup } from "@/app/(admin)/groups/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getGroupById } from "@/lib/db/queries/groups";
import { extensionGroupMembers, extensionGroups } from "@/lib/db/schema/extensions";
import type { CreateGroupInput } from "@/lib/validations/group";
import { countRows, INJECTION_CORPUS, insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let existingId: string;

const valid: CreateGroupInput = {
  number: "600",
  name: "Sales",
  strategy: "hunt",
  ringTime: 20,
  members: ["201", "202"],
  failover: { type: "extension", target: "201" },
};

beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
  await insertExtension({ number: "201" });
  await insertExtension({ number: "202" });
  const result = await createGroup(valid);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  existingId = result.data.id;
});
afterAll(async () => {
  await testDb.drop();
});

/** Each string field of a group, the field-error key it must fail on, and how to plant a value. */
const FIELDS: [string, string, (v: string) => Partial<CreateGroupInput>][] = [
  ["number", "number", (v) => ({ number: v })],
  ["name", "name", (v) => ({ name: v })],
  ["member", "members.1", (v) => ({ members: ["201", v] })],
  ["failover target", "failover.target", (v) => ({ failover: { type: "extension", target: v } })],
  ["voicemail target", "failover.target", (v) => ({ failover: { type: "voicemail", target: v } })],
  ["group target", "failover.target", (v) => ({ failover: { type: "group", target: v } })],
];

const cases = FIELDS.flatMap(([field, key, plant]) =>
  INJECTION_CORPUS.map(([label, value]) => ({ field, key, plant, label, value })),
);

describe("every ring-group string field refuses the injection corpus", () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    before = await snapshot();
  });

  it.each(cases)("create: $field with $label", async ({ key, plant, value }) => {
    const result = await createGroup({ ...valid, number: "610", ...plant(value) });
    expectFieldError(result, key);
    expect(await snapshot()).toEqual(before);
  });

  it.each(cases)("update: $field with $label", async ({ key, plant, value }) => {
    const result = await updateGroup({ ...valid, id: existingId, ...plant(value) });
    expectFieldError(result, key);
    expect(await snapshot()).toEqual(before);
  });

  it.each(INJECTION_CORPUS)("the destination type refuses %s", async (_label, value) => {
    const result = await createGroup({
      ...valid,
      number: "611",
      failover: { type: value as "hangup", target: "" },
    });
    expectFieldError(result, "failover.type");
    expect(await snapshot()).toEqual(before);
  });

  it.each(INJECTION_CORPUS)("the strategy refuses %s", async (_label, value) => {
    expectFieldError(await createGroup({ ...valid, number: "612", strategy: value as "hunt" }), "strategy");
    expect(await snapshot()).toEqual(before);
  });

  it.each(INJECTION_CORPUS)("the ring time refuses text: %s", async (_label, value) => {
    expectFieldError(
      await createGroup({ ...valid, number: "613", ringTime: value as unknown as number }),
      "ringTime",
    );
    expect(await snapshot()).toEqual(before);
  });
});

function expectFieldError(
  result: Awaited<ReturnType<typeof createGroup>>,
  key: string,
): asserts result is Extract<typeof result, { ok: false }> {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe("bad_request:input");
  expect(result.error.fieldErrors?.[key]?.[0]).toMatch(/^[A-Z].+\.$/);
}

/** Everything a refused save must leave as it was. */
async function snapshot() {
  return {
    rows: await countRows(),
    groups: await db.$count(extensionGroups),
    members: await db.$count(extensionGroupMembers),
    existing: await getGroupById({ id: existingId }),
  };
}
