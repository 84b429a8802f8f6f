/**
 * Realistic synthetic CDRs for bench:cdr, generated as COPY text in chunks so memory stays
 * flat: a year of calls for a 500-extension, 20-queue centre, busier in office hours.
 * ~50 % inbound (from a trunk, most through a queue), 30 % outbound, 20 % internal; a call has
 * 1–3 records (queue retries, transfers); dispositions ANSWERED 70 %, NO ANSWER 15 %,
 * BUSY 8 %, FAILED 7 %.
 */

export const BENCH_EXTENSIONS = Array.from({ length: 500 }, (_, i) => String(1000 + i));
export const BENCH_QUEUES = Array.from({ length: 20 }, (_, i) => ({
  name: `q${600 + i}`,
  number: String(600 + i),
}));

export const CDR_COPY_COLUMNS = [
  "id",
  "calldate",
  "answer",
  "end",
  "clid",
  "src",
  "dst",
  "dcontext",
  "channel",
  "dstchannel",
  "lastapp",
  "lastdata",
  "duration",
  "billsec",
  "disposition",
  "amaflags",
  "uniqueid",
  "linkedid",
  "sequence",
  "origin",
  "direction",
  "call_head",
] as const;

export const QUEUE_COPY_COLUMNS = [
  "dedupe_key",
  "occurred_at",
  "kind",
  "queue",
  "uniqueid",
  "linkedid",
  "interface",
  "member_name",
  "caller_id_num",
  "hold_time",
  "talk_time",
] as const;

const NAMES = [
  "Alice Martin",
  "Bob Nguyen",
  "Chloé Dubois",
  "Dmitri Ivanov",
  "Eve O'Neil",
  "Farid Haddad",
  "",
];
const DISPOSITIONS: [string, number][] = [
  ["ANSWERED", 0.7],
  ["NO ANSWER", 0.85],
  ["BUSY", 0.93],
  ["FAILED", 1],
];

/** Mulberry32: a seeded PRNG, so every run loads the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Chunk = { cdr: string; queue: string; rows: number; linkedids: string[] };

/**
 * Yields chunks of about `chunkRows` CDR rows until `total` rows were produced. Timestamps span
 * the year before `now`; `linkedids` samples one call per 1000 for the lookup benchmark.
 */
export function* generateChunks({
  total,
  now,
  chunkRows = 20_000,
  seed = 7,
}: {
  total: number;
  now: Date;
  chunkRows?: number;
  seed?: number;
}): Generator<Chunk> {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const yearMs = 365 * 86_400_000;
  const start = now.getTime() - yearMs;
  let id = 0;
  let sequence = 0;
  let call = 0;
  while (id < total) {
    const cdrLines: string[] = [];
    const queueLines: string[] = [];
    const linkedids: string[] = [];
    let rows = 0;
    while (rows < chunkRows && id < total) {
      call += 1;
      // Evenly spread over the year, pushed towards 08:00–18:00 UTC.
      let t = start + Math.floor((call / (total / 1.5)) * yearMs) + Math.floor(rand() * 60_000);
      const hour = new Date(t).getUTCHours();
      if ((hour < 8 || hour > 18) && rand() < 0.7) t += (12 - hour) * 3_600_000;
      t = Math.min(t, now.getTime() - 1000);
      const linkedid = `${Math.floor(t / 1000)}.${call}`;
      if (call % 1000 === 0) linkedids.push(linkedid);
      const kindRoll = rand();
      const direction = kindRoll < 0.5 ? "inbound" : kindRoll < 0.8 ? "outbound" : "internal";
      const ext = pick(BENCH_EXTENSIONS);
      const outside = `+1${Math.floor(2_000_000_000 + rand() * 7_999_999_999)}`;
      const queue = direction === "inbound" && rand() < 0.8 ? pick(BENCH_QUEUES) : null;
      const src = direction === "inbound" ? outside : ext;
      const dst = direction === "outbound" ? outside : queue ? queue.number : pick(BENCH_EXTENSIONS);
      const agent = queue ? pick(BENCH_EXTENSIONS) : dst;
      const dispRoll = rand();
      const disposition = DISPOSITIONS.find(([, p]) => dispRoll < p)?.[0] ?? "ANSWERED";
      const answered = disposition === "ANSWERED";
      const ring = 2 + Math.floor(rand() * 25);
      const talk = answered ? Math.floor(-Math.log(1 - rand()) * 180) : 0;
      const name = pick(NAMES);
      const clid = name ? `"${name}" <${src}>` : `<${src}>`;
      const channel = direction === "inbound" ? `PJSIP/trunk-${hex(call)}` : `PJSIP/${ext}-${hex(call)}`;
      const legs = 1 + (rand() < 0.35 ? 1 : 0) + (rand() < 0.08 ? 1 : 0);
      for (let leg = 0; leg < legs && id < total; leg++) {
        id += 1;
        sequence += 1;
        rows += 1;
        const begin = t + leg * 1000;
        const legTalk = leg === 0 ? talk : Math.floor(talk / 2);
        const legAnswered = leg === 0 ? answered : true;
        const end = begin + (ring + legTalk) * 1000;
        const uniqueid = leg === 2 ? `${Math.floor(begin / 1000)}.${call}9` : linkedid;
        const dstchannel = `PJSIP/${leg === 0 ? agent : pick(BENCH_EXTENSIONS)}-${hex(call + leg)}`;
        cdrLines.push(
          [
            id,
            iso(begin),
            legAnswered ? iso(begin + ring * 1000) : "\\N",
            iso(end),
            copyText(clid),
            src,
            leg === 0 ? dst : pick(BENCH_EXTENSIONS),
            direction === "inbound" ? "from-trunk" : "sb-internal",
            channel,
            dstchannel,
            queue && leg === 0 ? "Queue" : "Dial",
            queue && leg === 0 ? queue.name : `${dstchannel.split("-")[0]},30,tT`,
            ring + legTalk,
            legAnswered ? legTalk : 0,
            leg === 0 ? disposition : "ANSWERED",
            "DOCUMENTATION",
            uniqueid,
            linkedid,
            sequence,
            rand() < 0.1 ? "ami" : "pgsql",
            direction,
            leg === 0 ? "t" : "f",
          ].join("\t"),
        );
      }
      if (queue) {
        const iface = `PJSIP/${agent}`;
        const at = t + ring * 1000;
        queueLines.push(queueLine(["AgentConnect", at, queue.name, linkedid, iface], "connect", ring, null));
        if (answered)
          queueLines.push(
            queueLine(
              ["AgentComplete", at + talk * 1000, queue.name, linkedid, iface],
              "complete",
              ring,
              talk,
            ),
          );
      }
    }
    yield {
      cdr: `${cdrLines.join("\n")}\n`,
      queue: queueLines.length ? `${queueLines.join("\n")}\n` : "",
      rows,
      linkedids,
    };
  }
}

function queueLine(
  [event, at, queue, linkedid, iface]: [string, number, string, string, string],
  kind: string,
  hold: number,
  talk: number | null,
): string {
  return [
    `${event}|${at / 1000}|${queue}|${linkedid}|${iface}`,
    iso(at),
    kind,
    queue,
    linkedid,
    linkedid,
    iface,
    `Agent ${iface.slice(6)}`,
    "\\N",
    hold,
    talk ?? "\\N",
  ].join("\t");
}

const iso = (ms: number) => new Date(ms).toISOString();
const hex = (n: number) => (n & 0xffffffff).toString(16).padStart(8, "0");
/** COPY text format: backslash, tab and newline must be escaped. */
const copyText = (v: string) =>
  v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? c);
