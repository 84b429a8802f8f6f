import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { dbHandle } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { extensions } from "@/lib/db/schema/extensions";
import { cdr } from "@/lib/db/schema/live";
import { makeWav } from "../support/wav";
import { E2E_VOICEMAIL, writeVoicemail } from "./voicemail-spool";

/**
 * Run by scripts/run-e2e.ts for server A before it starts: two recordings under
 * `<ASTERISK_SPOOL_DIR>/monitor` (one of the seeded agent's calls, 1002, one of another agent's,
 * 1009) and the CDR of the first call, whose caller ID name is a `<script>` tag. The server's
 * listener indexes the files at start.
 *
 * Voicemail too (tests/e2e/voicemail-spool.ts): boxes on for the agent's 1002 and for 1009, with
 * a new and a heard message in 1002 and a new one in 1009, under `<ASTERISK_SPOOL_DIR>/voicemail`.
 */
export const E2E_CALLS = {
  own: { linkedid: "1732262400.12", file: "1732262400.12-1002.wav" },
  other: { linkedid: "1732262500.20", file: "1732262500.20-1009.wav" },
} as const;

const spool = process.env.ASTERISK_SPOOL_DIR;
if (!spool) throw new Error("ASTERISK_SPOOL_DIR must be set");
const root = path.join(spool, "monitor");
mkdirSync(root, { recursive: true });
writeFileSync(path.join(root, E2E_CALLS.own.file), makeWav({ seconds: 12 }));
writeFileSync(path.join(root, E2E_CALLS.other.file), makeWav({ seconds: 4, encoding: "ulaw" }));
const handle = dbHandle();
await runMigrations(handle);
await handle.db.insert(cdr).values({
  calldate: new Date(),
  answer: new Date(),
  end: new Date(),
  clid: '"<script>alert(1)</script>" <0612345678>',
  src: "0612345678",
  dst: "5000",
  channel: "PJSIP/trunk-00000001",
  dstchannel: "PJSIP/1002-00000002",
  disposition: "ANSWERED",
  duration: 12,
  billsec: 12,
  uniqueid: E2E_CALLS.own.linkedid,
  linkedid: E2E_CALLS.own.linkedid,
  sequence: 1,
});

const { agentBox, otherBox, pin, seeded } = E2E_VOICEMAIL;
await handle.db
  .update(extensions)
  .set({ voicemailEnabled: true, voicemailPin: pin })
  .where(inArray(extensions.number, [agentBox, otherBox]));
const hourAgo = Math.floor(Date.now() / 1000) - 3600;
writeVoicemail(spool, agentBox, "INBOX", { callerId: seeded.agentNew, origtime: hourAgo, seconds: 4 });
writeVoicemail(spool, agentBox, "Old", { callerId: seeded.agentHeard, origtime: hourAgo - 86_400 });
writeVoicemail(spool, otherBox, "INBOX", { callerId: seeded.other, origtime: hourAgo });
await handle.close();
