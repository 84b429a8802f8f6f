import { eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { configChanges } from "@/lib/db/schema/config";
import { callerListEntries, callerLists } from "@/lib/db/schema/inbound";
import { type AmiSend, purgeExpiredEntries, reconcileAstdb } from "@/lib/routing/astdb-sync";
import { useTestDb } from "../support/test-db";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

function recorder() {
  const sent: [string, Record<string, string>][] = [];
  const send: AmiSend = async (name, headers) => {
    sent.push([name, headers as Record<string, string>]);
    return {
      response: { type: "response", response: "Success", headers: [], fields: {} },
      events: [],
    } as never;
  };
  return { sent, send };
}

describe("expired block/allow entries", () => {
  it("are purged with their AstDB keys, and an expired pattern leaves a pending change for the next apply", async () => {
    const [list] = await db.insert(callerLists).values({ name: "Purge", kind: "block" }).returning();
    const past = new Date(Date.now() - 1000);
    const future = new Date(Date.now() + 86_400_000);
    await db.insert(callerListEntries).values([
      { listId: list!.id, value: "+15550001", expiresAt: past },
      { listId: list!.id, value: "_0900X.", expiresAt: past },
      { listId: list!.id, value: "+15550002", expiresAt: future },
      { listId: list!.id, value: "+15550003", expiresAt: null },
    ]);
    const { sent, send } = recorder();
    const r = await purgeExpiredEntries(db, send);
    expect(r).toEqual({ purged: 2, patternLists: [list!.id] });
    expect(sent).toEqual([["DBDel", { Family: `sblist/${list!.id}`, Key: "+15550001" }]]);
    const left = await db.select({ value: callerListEntries.value }).from(callerListEntries);
    expect(left.map((e) => e.value).sort()).toEqual(["+15550002", "+15550003"]);
    const pending = await db.select().from(configChanges).where(isNull(configChanges.revisionId));
    expect(pending).toEqual([expect.objectContaining({ entity: "callerlist", entityId: list!.id })]);

    // The reconcile reads AstDB (empty here) and writes what is left, with each expiry.
    const again = recorder();
    await reconcileAstdb(db, again.send);
    expect(again.sent).toEqual([
      ["DBGetTree", { Family: "sblist" }],
      [
        "DBPut",
        { Family: `sblist/${list!.id}`, Key: "+15550002", Val: String(Math.floor(future.getTime() / 1000)) },
      ],
      ["DBPut", { Family: `sblist/${list!.id}`, Key: "+15550003", Val: "0" }],
    ]);
    await db.delete(configChanges).where(eq(configChanges.entity, "callerlist"));
  });

  it("reconciles by difference: leaves what matches, re-puts a changed expiry, deletes what is gone", async () => {
    const [list] = await db.insert(callerLists).values({ name: "Diff", kind: "block" }).returning();
    await db.insert(callerListEntries).values([
      { listId: list!.id, value: "+15551001", expiresAt: null },
      { listId: list!.id, value: "+15551002", expiresAt: null },
    ]);
    const family = `sblist/${list!.id}`;
    const sent: [string, Record<string, string>][] = [];
    const send: AmiSend = async (name, headers) => {
      sent.push([name, headers as Record<string, string>]);
      const tree = [
        [`/${family}/+15551001`, "0"],
        [`/${family}/+15551002`, "1999999999"],
        [`/${family}/+15559999`, "0"],
        ["/sblist/gone-list/+15550000", "0"],
        ["/sblist/bad;id/+1", "0"],
      ];
      return {
        response: { type: "response", response: "Success", fields: {} },
        events:
          name === "DBGetTree"
            ? tree.map(([Key, Val]) => ({ type: "event", event: "DBGetTreeResponse", fields: { Key, Val } }))
            : [],
      } as never;
    };
    const r = await reconcileAstdb(db, send);
    expect(sent.filter(([n]) => n !== "DBGetTree")).toEqual(
      expect.arrayContaining([
        ["DBPut", { Family: family, Key: "+15551002", Val: "0" }],
        ["DBDel", { Family: family, Key: "+15559999" }],
        ["DBDel", { Family: "sblist/gone-list", Key: "+15550000" }],
      ]),
    );
    expect(sent.some(([n, h]) => n === "DBPut" && h.Key === "+15551001")).toBe(false);
    expect(sent.some(([, h]) => h.Family?.includes(";"))).toBe(false);
    // (The first test's list is not in this AstDB at all, so its two live entries are put too.)
    expect(sent.filter(([n, h]) => n === "DBPut" && h.Family === family).map(([, h]) => h.Key)).toEqual([
      "+15551002",
    ]);
    expect(r).toMatchObject({ put: 3, deleted: 2 });
    await db.delete(callerLists).where(eq(callerLists.id, list!.id));
  });

  it("never sends a list id or value outside its allowlist to AMI", async () => {
    const { sent, send } = recorder();
    const { syncEntries } = await import("@/lib/routing/astdb-sync");
    await expect(
      syncEntries(send, { put: [{ listId: "x/../y", value: "+1555", expiresAt: null }] }),
    ).rejects.toThrow(/refused list id/);
    await syncEntries(send, {
      put: [{ listId: "abc", value: "+1555\r\nAction: Originate", expiresAt: null }],
      del: [{ listId: "abc", value: "_0900X." }],
    });
    expect(sent).toEqual([]);
  });
});
