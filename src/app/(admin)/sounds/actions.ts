"use server";

import { rm } from "node:fs/promises";
import { asc, eq, inArray } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { stageChange } from "@/lib/asterisk/pending";
import { action } from "@/lib/auth/action";
import type { Tx } from "@/lib/db/client";
import { type MohClass, mohClasses, mohClassSounds, sounds } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { soundFile } from "@/lib/sounds/dir";
import { findSoundUsers } from "@/lib/sounds/usage";
import {
  createMohClassSchema,
  deleteMohClassSchema,
  type MohClassValues,
  updateMohClassSchema,
} from "@/lib/validations/moh-class";
import { deleteSoundSchema, renameSoundSchema } from "@/lib/validations/sound";

/** A sound's name is only a label (files are named by id), so renaming changes no config. */
export const renameSound = action("sounds.write", renameSoundSchema, async (input, { tx }) => {
  const [before] = await tx.select().from(sounds).where(eq(sounds.id, input.id)).for("update");
  if (!before) throw new AppError("not_found:sound", "That sound no longer exists.");
  if (before.name === input.name) return { data: { id: input.id } };
  const [taken] = await tx.select({ id: sounds.id }).from(sounds).where(eq(sounds.name, input.name));
  if (taken)
    throw new AppError("conflict:sound", "A sound with that name already exists.", {
      fieldErrors: { name: ["A sound with that name already exists."] },
    });
  await tx.update(sounds).set({ name: input.name }).where(eq(sounds.id, input.id));
  revalidatePath("/sounds");
  return {
    data: { id: input.id },
    audit: {
      action: "sound.update",
      entity: "sound",
      entityId: input.id,
      entityLabel: input.name,
      before: { name: before.name },
      after: { name: input.name },
    },
  };
});

/** Refused while anything plays it (lib/sounds/usage.ts); the file goes after commit. */
export const deleteSound = action("sounds.write", deleteSoundSchema, async (input, { tx, afterCommit }) => {
  const [before] = await tx.select().from(sounds).where(eq(sounds.id, input.id)).for("update");
  if (!before) throw new AppError("not_found:sound", "That sound no longer exists.");
  const users = await findSoundUsers({ tx, soundId: input.id });
  if (users.length)
    throw new AppError(
      "conflict:in_use",
      `Sound “${before.name}” is still used by ${users.join(", ")}. Remove it there first.`,
    );
  await tx.delete(sounds).where(eq(sounds.id, input.id));
  afterCommit(() =>
    rm(soundFile(input.id), { force: true }).catch((err) => log.warn({ err }, "sound file not removed")),
  );
  revalidatePath("/sounds");
  return {
    data: { id: input.id },
    audit: {
      action: "sound.delete",
      entity: "sound",
      entityId: input.id,
      entityLabel: before.name,
      before: { name: before.name, sourceFormat: before.sourceFormat, durationMs: before.durationMs },
    },
  };
});

export const createMohClass = action("sounds.write", createMohClassSchema, async (input, { tx, user }) => {
  await assertSoundsExist(tx, input.sounds);
  await assertClassNameFree(tx, input.name);
  const [row] = await tx.insert(mohClasses).values({ name: input.name, sort: input.sort }).returning();
  await writeSounds(tx, row!.id, input.sounds);
  revalidatePath("/sounds");
  return {
    data: { id: row!.id },
    audit: await stageChange(tx, user.id, {
      entity: "mohclass",
      action: "create",
      entityId: row!.id,
      entityLabel: row!.name,
      after: { name: row!.name, sort: row!.sort, sounds: input.sounds },
    }),
  };
});

export const updateMohClass = action("sounds.write", updateMohClassSchema, async (input, { tx, user }) => {
  const before = await loadClassForUpdate(tx, input.id);
  await assertSoundsExist(tx, input.sounds);
  if (input.name !== before.cls.name) {
    await assertClassNameFree(tx, input.name);
    await assertClassUnused(tx, before.cls, "name");
  }
  const beforeSnap = { name: before.cls.name, sort: before.cls.sort, sounds: before.sounds };
  const afterSnap = { name: input.name, sort: input.sort, sounds: input.sounds };
  if (JSON.stringify(beforeSnap) === JSON.stringify(afterSnap)) return { data: { id: input.id } };
  await tx.update(mohClasses).set({ name: input.name, sort: input.sort }).where(eq(mohClasses.id, input.id));
  await tx.delete(mohClassSounds).where(eq(mohClassSounds.classId, input.id));
  await writeSounds(tx, input.id, input.sounds);
  revalidatePath("/sounds");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "mohclass",
      action: "update",
      entityId: input.id,
      entityLabel: input.name,
      before: beforeSnap,
      after: afterSnap,
    }),
  };
});

export const deleteMohClass = action("sounds.write", deleteMohClassSchema, async (input, { tx, user }) => {
  const before = await loadClassForUpdate(tx, input.id);
  await assertClassUnused(tx, before.cls);
  await tx.delete(mohClasses).where(eq(mohClasses.id, input.id));
  revalidatePath("/sounds");
  return {
    data: { id: input.id },
    audit: await stageChange(tx, user.id, {
      entity: "mohclass",
      action: "delete",
      entityId: input.id,
      entityLabel: before.cls.name,
      before: { name: before.cls.name, sort: before.cls.sort, sounds: before.sounds },
    }),
  };
});

async function writeSounds(tx: Tx, classId: string, ids: MohClassValues["sounds"]) {
  await tx.insert(mohClassSounds).values(ids.map((soundId, position) => ({ classId, soundId, position })));
}

async function assertSoundsExist(tx: Tx, ids: string[]) {
  const rows = await tx.select({ id: sounds.id }).from(sounds).where(inArray(sounds.id, ids)).for("share");
  if (rows.length !== new Set(ids).size)
    throw new AppError("bad_request:sound", "A chosen sound no longer exists.", {
      fieldErrors: { sounds: ["A chosen sound no longer exists."] },
    });
}

async function assertClassNameFree(tx: Tx, name: string) {
  const [taken] = await tx.select({ id: mohClasses.id }).from(mohClasses).where(eq(mohClasses.name, name));
  if (taken)
    throw new AppError("conflict:mohclass", "A class with that name already exists.", {
      fieldErrors: { name: ["A class with that name already exists."] },
    });
}

/** Queues name their class; renaming or deleting one they use would leave them without music. */
async function assertClassUnused(tx: Tx, cls: MohClass, field?: "name") {
  const rows = await tx
    .select({ number: queues.number, name: queues.name })
    .from(queues)
    .where(eq(queues.mohClass, cls.name))
    .orderBy(asc(queues.number));
  if (rows.length === 0) return;
  const message = `Class “${cls.name}” is still used by ${rows.map((q) => `queue ${q.number} “${q.name}”`).join(", ")}. Choose another class there first.`;
  throw new AppError("conflict:in_use", message, field ? { fieldErrors: { [field]: [message] } } : {});
}

async function loadClassForUpdate(tx: Tx, id: string) {
  const [cls] = await tx.select().from(mohClasses).where(eq(mohClasses.id, id)).for("update");
  if (!cls) throw new AppError("not_found:mohclass", "That class no longer exists.");
  const rows = await tx
    .select({ soundId: mohClassSounds.soundId })
    .from(mohClassSounds)
    .where(eq(mohClassSounds.classId, id))
    .orderBy(asc(mohClassSounds.position));
  return { cls, sounds: rows.map((r) => r.soundId) };
}
