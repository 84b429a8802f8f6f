import "server-only";
import { asc, eq } from "drizzle-orm";
import { env } from "@/env";
import { appAmiAction } from "@/lib/asterisk/ami/app-ami";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { extensions } from "@/lib/db/schema/extensions";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { SpoolError, voicemailRoot } from "./spool";

export type Box = { number: string; name: string };

/** The boxes a user may open: every box with voicemail.any, else their own extension's. */
export async function boxesFor(user: CurrentUser): Promise<Box[]> {
  const rows = await db
    .select({ number: extensions.number, name: extensions.displayName })
    .from(extensions)
    .where(eq(extensions.voicemailEnabled, true))
    .orderBy(asc(extensions.number));
  if (user.permissions.has("voicemail.any")) return rows;
  if (user.permissions.has("voicemail.own") && user.extension)
    return rows.filter((r) => r.number === user.extension);
  return [];
}

/** Throws 403 unless the user may open this box, 404 when it isn't a voicemail box. */
export async function authorizeBox(user: CurrentUser, box: string): Promise<Box> {
  const any = user.permissions.has("voicemail.any");
  if (!any && !(user.permissions.has("voicemail.own") && user.extension === box))
    throw new AppError("forbidden:voicemail", "You may only open your own voicemail.");
  const found = (await boxesFor(user)).find((b) => b.number === box);
  if (!found) throw new AppError("not_found:voicemail", "That voicemail box does not exist.");
  return found;
}

export function spoolRoot(): string {
  if (!env.ASTERISK_SPOOL_DIR)
    throw new AppError("unavailable:voicemail", "ASTERISK_SPOOL_DIR is not set, so voicemail can't be read.");
  return voicemailRoot(env.ASTERISK_SPOOL_DIR);
}

/** Tells Asterisk a box changed so phones' message-waiting lamps follow (best effort). */
export async function refreshMailbox(box: string): Promise<void> {
  try {
    await appAmiAction("VoicemailRefresh", { Context: "switchboard", Mailbox: box });
  } catch (err) {
    log.warn({ err, box }, "VoicemailRefresh failed");
  }
}

export function spoolToAppError(error: unknown): unknown {
  if (!(error instanceof SpoolError)) return error;
  if (error.code === "not_found") return new AppError("not_found:voicemail", error.message);
  if (error.code === "locked") return new AppError("conflict:voicemail", error.message);
  return new AppError("bad_request:voicemail", error.message);
}
