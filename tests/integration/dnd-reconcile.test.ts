import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amiEvent } from "@/lib/asterisk/live/state/testing/replay";
import { db } from "@/lib/db/client";
import { reconcileDnd } from "@/lib/extensions/dnd";
import type { AmiSend } from "@/lib/routing/astdb-sync";
import { insertExtension } from "../support/telephony";
import { useTestDb } from "../support/test-db";

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

/** AstDB as a map behind a recording AmiSend (DBGetTree answers its items like Asterisk). */
function astdb(initial: Record<string, string>) {
  const keys = new Map(Object.entries(initial));
  const sent: string[] = [];
  const send: AmiSend = async (name, headers) => {
    const h = headers as Record<string, string>;
    sent.push(`${name} ${h.Key ?? h.Exten ?? h.Family} ${h.State ?? h.Val ?? ""}`.trim());
    if (name === "DBPut") keys.set(`/${h.Family}/${h.Key}`, h.Val ?? "");
    if (name === "DBDel") keys.delete(`/${h.Family}/${h.Key}`);
    const events =
      name === "DBGetTree"
        ? [...keys]
            .filter(([k]) => k.startsWith(`/${h.Family}/`))
            .map(([Key, Val]) => amiEvent("DBGetTreeResponse", { Key, Val }))
        : [];
    return { response: { type: "response", response: "Success", fields: {} }, events } as never;
  };
  return { keys, sent, send };
}

describe("reconcileDnd", () => {
  it("makes AstDB hold exactly the extensions in DND, announcing only what it changed", async () => {
    await insertExtension({ number: "2001", dnd: true });
    await insertExtension({ number: "2002", dnd: false });
    await insertExtension({ number: "2003", dnd: true });
    const a = astdb({ "/sbdnd/2002": "1", "/sbdnd/2003": "1", "/sblist/x/2002": "0" });

    expect(await reconcileDnd(db, a.send)).toEqual({ on: 2, turnedOn: 1, turnedOff: 1 });
    expect(a.sent).toEqual([
      "DBGetTree sbdnd",
      "DBPut 2001 1",
      "UserEvent 2001 on",
      "DBDel 2002",
      "UserEvent 2002 off",
    ]);
    expect([...a.keys.keys()].sort()).toEqual(["/sbdnd/2001", "/sbdnd/2003", "/sblist/x/2002"]);

    // In line already: one DBGetTree and nothing else.
    a.sent.length = 0;
    expect(await reconcileDnd(db, a.send)).toEqual({ on: 2, turnedOn: 0, turnedOff: 0 });
    expect(a.sent).toEqual(["DBGetTree sbdnd"]);
  });
});
