import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LivePersistence } from "@/lib/asterisk/live/persist/live-persistence";
import { cdrRow } from "@/lib/asterisk/live/persist/persist-mappers";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { cdr } from "@/lib/db/schema/live";
import { cdrEvent, cdrPgsqlInsert } from "../support/cdr-events";
import { useTestDb } from "../support/test-db";

let drop: () => Promise<void>;
beforeAll(async () => {
  ({ drop } = await useTestDb());
  await db.insert(extensions).values([
    { number: "1001", displayName: "One", secret: "x" },
    { number: "1002", displayName: "Two", secret: "x" },
  ]);
});
afterAll(async () => drop());

async function rowsFor(uniqueid: string) {
  return db.select().from(cdr).where(eq(cdr.uniqueid, uniqueid));
}

describe("cdr reconciliation: cdr_pgsql and the listener land on one row", () => {
  it("cdr_pgsql first, then the listener's copy is skipped", async () => {
    const event = cdrEvent({ UniqueID: "100.1", LinkedID: "100.1", Sequence: "11" });
    await db.execute(sql.raw(cdrPgsqlInsert(event.fields)));
    const persistence = new LivePersistence({ db });
    persistence.handle(event);
    await persistence.flush();
    const rows = await rowsFor("100.1");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      origin: "pgsql",
      sequence: 11,
      billsec: 5,
      direction: "internal",
      callHead: true,
      calldate: new Date("2026-11-22T03:58:28Z"),
      answer: new Date("2026-11-22T03:58:31Z"),
      end: new Date("2026-11-22T03:58:36Z"),
    });
  });

  it("the listener first, then cdr_pgsql's plain INSERT is a silent no-op", async () => {
    const event = cdrEvent({ UniqueID: "200.1", LinkedID: "200.1", Sequence: "21" });
    const row = cdrRow(event);
    expect(row).not.toBeNull();
    await db.insert(cdr).values(row!).onConflictDoNothing();
    await db.execute(sql.raw(cdrPgsqlInsert(event.fields)));
    const rows = await rowsFor("200.1");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ origin: "ami", calldate: new Date("2026-11-22T03:58:28Z") });
  });

  it("both paths store the same values for the same record", async () => {
    const viaPgsql = cdrEvent({ UniqueID: "300.1", LinkedID: "300.1", Sequence: "31" });
    const viaAmi = cdrEvent({ UniqueID: "300.2", LinkedID: "300.2", Sequence: "32" });
    await db.execute(sql.raw(cdrPgsqlInsert(viaPgsql.fields)));
    await db.insert(cdr).values(cdrRow(viaAmi)!);
    const [a] = await rowsFor("300.1");
    const [b] = await rowsFor("300.2");
    const pick = (r: typeof a) =>
      r && { ...r, id: 0, uniqueid: "", linkedid: "", sequence: 0, origin: "", createdAt: 0, updatedAt: 0 };
    expect(pick(a)).toEqual(pick(b));
  });

  it("an unanswered record's 1970 answer time becomes NULL, as the listener stores it", async () => {
    const event = cdrEvent({
      UniqueID: "400.1",
      LinkedID: "400.1",
      Sequence: "41",
      AnswerTime: "",
      BillableSeconds: "0",
      Disposition: "NO ANSWER",
    });
    await db.execute(sql.raw(cdrPgsqlInsert(event.fields)));
    const [row] = await rowsFor("400.1");
    expect(row?.answer).toBeNull();
    expect(row?.disposition).toBe("NO ANSWER");
  });

  it("reads cdr_pgsql's UTC wall-clock times as UTC whatever the session time zone", async () => {
    const event = cdrEvent({ UniqueID: "500.1", LinkedID: "500.1", Sequence: "51" });
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'America/New_York'`);
      await tx.execute(sql.raw(cdrPgsqlInsert(event.fields)));
    });
    const [row] = await rowsFor("500.1");
    expect(row?.calldate).toEqual(new Date("2026-11-22T03:58:28Z"));
    expect(row?.end).toEqual(new Date("2026-11-22T03:58:36Z"));
  });

  it("marks only the originating channel's first record as the call's head", async () => {
    await db.insert(cdr).values(cdrRow(cdrEvent({ UniqueID: "600.1", LinkedID: "600.1", Sequence: "61" }))!);
    await db.insert(cdr).values(cdrRow(cdrEvent({ UniqueID: "600.1", LinkedID: "600.1", Sequence: "62" }))!);
    await db.insert(cdr).values(cdrRow(cdrEvent({ UniqueID: "600.2", LinkedID: "600.1", Sequence: "63" }))!);
    const rows = await db.select().from(cdr).where(eq(cdr.linkedid, "600.1")).orderBy(cdr.sequence);
    expect(rows.map((r) => r.callHead)).toEqual([true, false, false]);
  });

  it("derives direction: a trunk context or an outside caller is inbound, an outside number outbound", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ Source: "+15551234567", Destination: "1001", DestinationContext: "from-trunk" }, "inbound"],
      [{ Source: "1001", Destination: "1002", DestinationContext: "sb-from-pstn" }, "inbound"],
      [{ Source: "+15551234567", Destination: "1001", DestinationContext: "sb-internal" }, "inbound"],
      [{ Source: "1001", Destination: "0033123456789", DestinationContext: "sb-internal" }, "outbound"],
      [{ Source: "1001", Destination: "*97", DestinationContext: "sb-internal" }, "internal"],
    ];
    let n = 0;
    for (const [over, expected] of cases) {
      n += 1;
      const id = `700.${n}`;
      await db
        .insert(cdr)
        .values(cdrRow(cdrEvent({ ...over, UniqueID: id, LinkedID: id, Sequence: String(700 + n) }))!);
      const [row] = await rowsFor(id);
      expect(row?.direction, JSON.stringify(over)).toBe(expected);
    }
  });
});
