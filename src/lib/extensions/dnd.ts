import { eq } from "drizzle-orm";
import { ALLOW } from "@/lib/asterisk/allowlists";
import { DND_EVENT, DND_FAMILY, dndExtensionsOf } from "@/lib/asterisk/dnd-keys";
import type { Db, Tx } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { type AmiSend, ignoreNotFound } from "@/lib/routing/astdb-sync";

/**
 * Do not disturb lives in AstDB as `sbdnd/<extension>` = 1: [sb-call-extension] sends a call for
 * an extension in DND to busy (or its voicemail), read on each call, so turning it on or off needs
 * no reload. `extensions.dnd` is the stored truth; AstDB follows it.
 *
 * Every change is announced with a `UserEvent: SwitchboardDnd` (Exten, State on|off) over AMI, and
 * the listener rebuilds DND from `DBGetTree` on every (re)connect, so the panel shows what
 * Asterisk enforces, through the same events as everything else (presence-reducer).
 */

/** Turns DND on or off in Asterisk for one extension, and tells every AMI listener. */
export async function sendDnd(send: AmiSend, extension: string, on: boolean): Promise<void> {
  if (!ALLOW.extensionNumber.test(extension)) {
    throw new Error(`dnd: refused extension ${JSON.stringify(extension)}`);
  }
  if (on) await send("DBPut", { Family: DND_FAMILY, Key: extension, Val: "1" });
  else await send("DBDel", { Family: DND_FAMILY, Key: extension }).catch(ignoreNotFound);
  await send("UserEvent", { UserEvent: DND_EVENT, Exten: extension, State: on ? "on" : "off" });
}

/**
 * Brings AstDB's DND family in line with the database, changing (and announcing) only what
 * differs, so a reconcile on every apply and listener reconnect costs one DBGetTree when nothing
 * changed.
 */
export async function reconcileDnd(
  exec: Db | Tx,
  send: AmiSend,
): Promise<{ on: number; turnedOn: number; turnedOff: number }> {
  const rows = await exec
    .select({ number: extensions.number })
    .from(extensions)
    .where(eq(extensions.dnd, true));
  const want = new Set(rows.map((r) => r.number).filter((n) => ALLOW.extensionNumber.test(n)));
  const have = new Set(dndExtensionsOf((await send("DBGetTree", { Family: DND_FAMILY })).events));
  let turnedOn = 0;
  let turnedOff = 0;
  for (const n of want) {
    if (have.has(n)) continue;
    await sendDnd(send, n, true);
    turnedOn++;
  }
  for (const n of have) {
    if (want.has(n)) continue;
    await sendDnd(send, n, false);
    turnedOff++;
  }
  return { on: want.size, turnedOn, turnedOff };
}
