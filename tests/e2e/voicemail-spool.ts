import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeWav } from "../support/wav";

/**
 * Voicemail in server A's e2e spool, in app_voicemail's own on-disk layout (what
 * src/lib/voicemail/spool.ts reads): `<spool>/voicemail/switchboard/<box>/INBOX|Old/msgNNNN.wav`
 * and its `msgNNNN.txt`. tests/e2e/seed-recordings.ts turns voicemail on for the boxes and writes
 * the seeded messages before the server starts; specs add their own with `writeVoicemail`, so a
 * retried test never depends on what an earlier attempt changed.
 */
export const E2E_VOICEMAIL = {
  /** The seeded agent's extension (Alex Agent). */
  agentBox: "1002",
  /** A demo phone no seeded user works at: "another agent's" box. */
  otherBox: "1009",
  pin: "2580",
  seeded: {
    agentNew: '"Carol Caller" <5550101>',
    agentHeard: '"Dan Earlier" <5550102>',
    other: '"Olga Other" <5550109>',
  },
} as const;

/** Server A's spool: run-e2e passes it to Playwright inside E2E_DB_A. */
export function e2eSpoolDir(): string {
  const fromRun = (JSON.parse(process.env.E2E_DB_A ?? "{}") as Record<string, string>).ASTERISK_SPOOL_DIR;
  const spool = fromRun || process.env.ASTERISK_SPOOL_DIR;
  if (!spool) throw new Error("No e2e spool: run the suite with npm run test:e2e (scripts/run-e2e.ts)");
  return spool;
}

/**
 * Appends one message to a box's folder as Asterisk does (the next free msgNNNN, the audio first
 * and the .txt last, since a message without its .txt does not count). Returns its index.
 */
export function writeVoicemail(
  spool: string,
  box: string,
  folder: "INBOX" | "Old",
  message: { callerId: string; origtime?: number; seconds?: number },
): number {
  const dir = path.join(spool, "voicemail", "switchboard", box, folder);
  mkdirSync(dir, { recursive: true });
  const taken = readdirSync(dir)
    .map((f) => /^msg(\d{4})\.txt$/.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const index = taken.length ? Math.max(...taken) + 1 : 0;
  const base = path.join(dir, `msg${String(index).padStart(4, "0")}`);
  const seconds = message.seconds ?? 3;
  const origtime = message.origtime ?? Math.floor(Date.now() / 1000);
  writeFileSync(`${base}.wav`, makeWav({ seconds }));
  writeFileSync(
    `${base}.txt`,
    [
      ";",
      "; Message Information file",
      ";",
      "[message]",
      `origmailbox=${box}`,
      "context=sb-internal",
      "macrocontext=",
      `exten=${box}`,
      "rdnis=unknown",
      "priority=2",
      "callerchan=PJSIP/trunk-00000001",
      `callerid=${message.callerId}`,
      `origdate=${new Date(origtime * 1000).toUTCString()}`,
      `origtime=${origtime}`,
      "category=",
      `msg_id=${origtime}-${String(index).padStart(8, "0")}`,
      "flag=",
      `duration=${seconds}`,
      "",
    ].join("\n"),
  );
  return index;
}
