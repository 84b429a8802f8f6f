import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { addListEntries, createCallerList } from "@/app/(admin)/caller-lists/actions";
import { createDid } from "@/app/(admin)/dids/actions";
import { previewDidImport } from "@/app/(admin)/dids/import/actions";
import { createRingTree } from "@/app/(admin)/ring-trees/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { callerListEntries, callerLists, dids, ringTrees } from "@/lib/db/schema/inbound";
import type { CreateDidInput, CreateRingTreeInput } from "@/lib/validations/inbound";
import { countRows, INJECTION_CORPUS, insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";
import { currentUserFor, insertUser } from "../support/users";

const session = vi.hoisted(() => ({ current: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.current }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let testDb: Awaited<ReturnType<typeof useTestDb>>;
let listId: string;

const did: CreateDidInput = {
  number: "+442071230000",
  description: "Main",
  trunkName: "carrier-a",
  destination: { type: "extension", target: "201" },
  rules: [],
  lists: [],
};
const tree: CreateRingTreeInput = {
  number: "7100",
  name: "Tree",
  lists: [],
  nodes: [{ key: "n1", parentKey: null, kind: "extension", target: "201", listId: null, timeout: 20 }],
};

beforeAll(async () => {
  testDb = await useTestDb();
  session.current = currentUserFor(await insertUser({ role: "admin" }));
  await insertExtension({ number: "201" });
  const list = await createCallerList({ name: "Spam", kind: "block", description: "" });
  if (!list.ok) throw new Error(JSON.stringify(list.error));
  listId = list.data.id;
});
afterAll(async () => {
  await testDb.drop();
});

/** Each text field that reaches the dialplan or AMI, the field-error key it must fail on, and how to plant a value. */
const FIELDS: [
  string,
  string,
  (v: string) => Promise<{ ok: boolean; error?: { fieldErrors?: Record<string, string[]> } }>,
][] = [
  ["DID number", "number", (v) => createDid({ ...did, number: v })],
  ["DID description", "description", (v) => createDid({ ...did, description: v })],
  ["DID trunk", "trunkName", (v) => createDid({ ...did, trunkName: v })],
  [
    "DID destination",
    "destination.target",
    (v) => createDid({ ...did, destination: { type: "queue", target: v } }),
  ],
  [
    "caller-ID rule pattern",
    "rules.0.pattern",
    (v) => createDid({ ...did, rules: [{ pattern: v, destination: { type: "hangup", target: "" } }] }),
  ],
  [
    "caller-ID rule destination",
    "rules.0.destination.target",
    (v) =>
      createDid({ ...did, rules: [{ pattern: "_07X.", destination: { type: "extension", target: v } }] }),
  ],
  ["list name", "name", (v) => createCallerList({ name: v, kind: "block", description: "" })],
  [
    "list entry",
    "entries.0.value",
    (v) => addListEntries({ listId, entries: [{ value: v, expiresInDays: null }] }),
  ],
  ["ring tree number", "number", (v) => createRingTree({ ...tree, number: v })],
  ["ring tree name", "name", (v) => createRingTree({ ...tree, name: v })],
  [
    "ring tree node target",
    "nodes.0.target",
    (v) => createRingTree({ ...tree, nodes: [{ ...tree.nodes[0]!, target: v }] }),
  ],
];

const cases = FIELDS.flatMap(([field, key, run]) =>
  INJECTION_CORPUS.map(([label, value]) => ({ field, key, run, label, value })),
);

describe("every inbound-routing text field refuses the injection corpus", () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    before = await snapshot();
  });

  it.each(cases)("$field: $label", async ({ key, run, value }) => {
    const result = await run(value);
    expect(result.ok).toBe(false);
    expect(result.error?.fieldErrors?.[key]?.length, JSON.stringify(result.error)).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it.each(INJECTION_CORPUS)(
    "CSV import: %s in every column is a row error, never a row",
    async (_label, value) => {
      const csv = [
        "number,description,trunk,destination_type,destination_target,lists",
        ...["number", "description", "trunk", "destination_target"].map((col) => {
          const row: Record<string, string> = {
            number: "+15550100",
            description: "ok",
            trunk: "t1",
            destination_target: "201",
          };
          row[col] = value;
          return [row.number, row.description, row.trunk, "extension", row.destination_target, ""]
            .map((f) => `"${f!.replaceAll('"', '""')}"`)
            .join(",");
        }),
      ].join("\r\n");
      const result = await previewDidImport({ csv });
      if (!result.ok) {
        // Only the file-level refusals (too large) are allowed to fail the whole preview.
        expect(result.error.fieldErrors?.csv?.length).toBeGreaterThan(0);
        return;
      }
      expect(result.data.valid).toBe(0);
    },
  );
});

async function snapshot() {
  return {
    rows: await countRows(),
    dids: await db.$count(dids),
    lists: await db.$count(callerLists),
    entries: await db.$count(callerListEntries),
    trees: await db.$count(ringTrees),
  };
}
