import type { Db } from "@/lib/db/client";
import { cdr, type NewCdrRow, type NewQueueEventRow, queueEvents } from "@/lib/db/schema/live";

/**
 * A few calls from today for the demo users (extensions 1000–1003), for `db:seed -- --demo` and
 * the end-to-end tests: an inbound queue call answered by the agent (with a hostile caller-ID
 * name that must render as text), an internal call, an outbound busy call and a missed call.
 * Fixed uniqueids make re-seeding a no-op.
 */
export async function seedDemoCalls(db: Db, now = new Date()): Promise<number> {
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
  const call = (
    id: string,
    minutesAgo: number,
    fields: Partial<NewCdrRow>,
    seconds: { ring: number; talk: number },
  ): NewCdrRow => {
    const start = at(minutesAgo);
    const answered = (fields.disposition ?? "ANSWERED") === "ANSWERED";
    return {
      calldate: start,
      answer: answered ? new Date(start.getTime() + seconds.ring * 1000) : null,
      end: new Date(start.getTime() + (seconds.ring + seconds.talk) * 1000),
      duration: seconds.ring + seconds.talk,
      billsec: answered ? seconds.talk : 0,
      disposition: "ANSWERED",
      amaflags: "DOCUMENTATION",
      uniqueid: id,
      linkedid: id,
      sequence: 1,
      dcontext: "sb-internal",
      origin: "ami",
      ...fields,
    };
  };
  const rows: NewCdrRow[] = [
    call(
      "demo-call-1",
      30,
      {
        clid: `"<script>alert('x')</script>" <+15550100>`,
        src: "+15550100",
        dst: "600",
        dcontext: "from-trunk",
        channel: "PJSIP/trunk-00000001",
        dstchannel: "PJSIP/1002-00000002",
        lastapp: "Queue",
        lastdata: "support",
        direction: "inbound",
      },
      { ring: 12, talk: 184 },
    ),
    call(
      "demo-call-2",
      25,
      {
        clid: '"Sam Supervisor" <1001>',
        src: "1001",
        dst: "1003",
        channel: "PJSIP/1001-00000003",
        dstchannel: "PJSIP/1003-00000004",
        lastapp: "Dial",
        lastdata: "PJSIP/1003,30,tT",
        direction: "internal",
      },
      { ring: 4, talk: 65 },
    ),
    call(
      "demo-call-3",
      20,
      {
        clid: '"Ada Admin" <1000>',
        src: "1000",
        dst: "0033123456789",
        channel: "PJSIP/1000-00000005",
        lastapp: "Dial",
        disposition: "BUSY",
        direction: "outbound",
      },
      { ring: 3, talk: 0 },
    ),
    call(
      "demo-call-4",
      10,
      {
        clid: '"Unknown" <+15550199>',
        src: "+15550199",
        dst: "1001",
        dcontext: "from-trunk",
        channel: "PJSIP/trunk-00000006",
        dstchannel: "PJSIP/1001-00000007",
        lastapp: "Dial",
        disposition: "NO ANSWER",
        direction: "inbound",
      },
      { ring: 30, talk: 0 },
    ),
  ];
  const events: NewQueueEventRow[] = [
    {
      dedupeKey: "demo|join|1",
      occurredAt: at(30),
      kind: "join",
      queue: "support",
      uniqueid: "demo-call-1",
      linkedid: "demo-call-1",
      callerIdNum: "+15550100",
      position: 1,
    },
    {
      dedupeKey: "demo|connect|1",
      occurredAt: new Date(at(30).getTime() + 12_000),
      kind: "connect",
      queue: "support",
      uniqueid: "demo-call-1",
      linkedid: "demo-call-1",
      interface: "PJSIP/1002",
      memberName: "Alex Agent",
      holdTime: 12,
    },
  ];
  const inserted = await db.insert(cdr).values(rows).onConflictDoNothing().returning({ id: cdr.id });
  await db.insert(queueEvents).values(events).onConflictDoNothing();
  return inserted.length;
}
