"use server";

import { asc, eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { playIntoCall } from "@/lib/asterisk/ari/app-ari";
import { loadLiveState, requireOwnExtension } from "@/lib/asterisk/live/panel-targets";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { sounds } from "@/lib/db/schema/ivr";
import { soundboardClips } from "@/lib/db/schema/soundboard";
import { AppError } from "@/lib/errors";
import { currentCallChannel } from "@/lib/soundboard";
import { soundFile } from "@/lib/sounds/dir";
import { addClipSchema, clipIdSchema, moveClipSchema, renameClipSchema } from "@/lib/validations/soundboard";

export const addClip = action("soundboard.write", addClipSchema, async (input, { tx }) => {
  const [sound] = await tx
    .select({ id: sounds.id, name: sounds.name })
    .from(sounds)
    .where(eq(sounds.id, input.soundId))
    .for("share");
  if (!sound) throw fieldError("soundId", "That sound is no longer in the library.");
  const last = await tx
    .select({ sortOrder: soundboardClips.sortOrder })
    .from(soundboardClips)
    .orderBy(asc(soundboardClips.sortOrder));
  const sortOrder = (last.at(-1)?.sortOrder ?? -1) + 1;
  const [row] = await uniqueLabel(() =>
    tx.insert(soundboardClips).values({ label: input.label, soundId: sound.id, sortOrder }).returning(),
  );
  revalidatePath("/soundboard");
  return {
    data: { id: row!.id },
    audit: {
      action: "soundboard.add",
      entity: "soundboard_clip",
      entityId: row!.id,
      entityLabel: row!.label,
      after: { label: row!.label, sound: sound.name },
    },
  };
});

export const renameClip = action("soundboard.write", renameClipSchema, async (input, { tx }) => {
  const before = await loadClip(tx, input.id);
  if (before.label === input.label) return { data: { id: input.id } };
  await uniqueLabel(() =>
    tx
      .update(soundboardClips)
      .set({ label: input.label })
      .where(eq(soundboardClips.id, input.id))
      .returning(),
  );
  revalidatePath("/soundboard");
  return {
    data: { id: input.id },
    audit: {
      action: "soundboard.rename",
      entity: "soundboard_clip",
      entityId: input.id,
      entityLabel: input.label,
      before: { label: before.label },
      after: { label: input.label },
    },
  };
});

/** Swaps a clip with its neighbour; the phone shows clips in this order. */
export const moveClip = action("soundboard.write", moveClipSchema, async (input, { tx }) => {
  const rows = await tx
    .select({ id: soundboardClips.id, sortOrder: soundboardClips.sortOrder })
    .from(soundboardClips)
    .orderBy(asc(soundboardClips.sortOrder), asc(soundboardClips.label))
    .for("update");
  const i = rows.findIndex((r) => r.id === input.id);
  if (i < 0) throw new AppError("not_found:clip", "That clip no longer exists.");
  const j = input.direction === "up" ? i - 1 : i + 1;
  if (j < 0 || j >= rows.length) return { data: { id: input.id } };
  const order = rows.map((r) => r.id);
  [order[i], order[j]] = [order[j]!, order[i]!];
  for (const [index, id] of order.entries())
    await tx.update(soundboardClips).set({ sortOrder: index }).where(eq(soundboardClips.id, id));
  revalidatePath("/soundboard");
  return { data: { id: input.id } };
});

export const deleteClip = action("soundboard.write", clipIdSchema, async (input, { tx }) => {
  const before = await loadClip(tx, input.id);
  await tx.delete(soundboardClips).where(eq(soundboardClips.id, input.id));
  revalidatePath("/soundboard");
  return {
    data: { id: input.id },
    audit: {
      action: "soundboard.delete",
      entity: "soundboard_clip",
      entityId: input.id,
      entityLabel: before.label,
      before: { label: before.label },
    },
  };
});

/** The clips the phone offers, in board order. */
export const listClips = action("soundboard.play", z.object({}).strict(), async (_input, { tx }) => {
  const rows = await tx
    .select({ id: soundboardClips.id, label: soundboardClips.label, durationMs: sounds.durationMs })
    .from(soundboardClips)
    .innerJoin(sounds, eq(sounds.id, soundboardClips.soundId))
    .orderBy(asc(soundboardClips.sortOrder), asc(soundboardClips.label));
  return { data: rows };
});

/**
 * Plays a clip into the caller's own current call, so both parties hear it. Only ever the
 * user's own extension: the channel comes from the live state, never from the browser.
 */
export const playClip = action("soundboard.play", clipIdSchema, async (input, { user, tx }) => {
  const extension = requireOwnExtension(user);
  const clip = await loadClip(tx, input.id);
  const channel = currentCallChannel(await loadLiveState(), extension);
  if (!channel) {
    throw new AppError(
      "bad_request:no_call",
      "You are not in a call: the soundboard plays into the call you are talking on.",
    );
  }
  await playIntoCall({
    channelId: channel.uniqueid,
    media: `sound:${soundFile(clip.soundId).replace(/\.wav$/, "")}`,
    exec: tx,
  });
  return {
    data: { label: clip.label },
    audit: {
      action: "soundboard.play",
      entity: "soundboard_clip",
      entityId: clip.id,
      entityLabel: clip.label,
      after: { channel: channel.name, linkedid: channel.linkedid },
    },
  };
});

async function loadClip(tx: Tx, id: string) {
  const [row] = await tx.select().from(soundboardClips).where(eq(soundboardClips.id, id));
  if (!row) throw new AppError("not_found:clip", "That clip no longer exists.");
  return row;
}

function fieldError(field: string, message: string): AppError {
  return new AppError("bad_request:input", message, { fieldErrors: { [field]: [message] } });
}

async function uniqueLabel<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const text = String((error as { cause?: unknown })?.cause ?? error);
    if (/soundboard_clips_label_key/.test(text)) throw fieldError("label", "Another clip has that label.");
    throw error;
  }
}
