import "server-only";
import { asc, eq, inArray, or } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { findRoutingReferrers } from "@/lib/db/queries/destinations";
import { mohClasses, mohClassSounds, sounds } from "@/lib/db/schema/ivr";
import { queues } from "@/lib/db/schema/queues";
import { soundboardClips } from "@/lib/db/schema/soundboard";
import { AppError } from "@/lib/errors";
import { QUEUE_SOUND_FIELDS, QUEUE_SOUND_LABELS } from "@/lib/validations/queue";

/**
 * Everything that plays a sound, described for a "still used by" message: music-on-hold classes,
 * IVR steps, soundboard clips and queue announcements. The one place that answers "may this
 * sound go?", so a new kind of user is added here and nowhere else.
 */
export async function findSoundUsers({ tx, soundId }: { tx: Tx; soundId: string }): Promise<string[]> {
  const [classes, ivrs, clips, queueRows] = await Promise.all([
    tx
      .selectDistinct({ name: mohClasses.name })
      .from(mohClassSounds)
      .innerJoin(mohClasses, eq(mohClasses.id, mohClassSounds.classId))
      .where(eq(mohClassSounds.soundId, soundId))
      .orderBy(asc(mohClasses.name)),
    findRoutingReferrers({ tx, kind: "sound", target: soundId }),
    tx
      .select({ label: soundboardClips.label })
      .from(soundboardClips)
      .where(eq(soundboardClips.soundId, soundId))
      .orderBy(asc(soundboardClips.label)),
    tx
      .select({
        number: queues.number,
        name: queues.name,
        joinAnnounceSoundId: queues.joinAnnounceSoundId,
        periodicAnnounceSoundId: queues.periodicAnnounceSoundId,
        agentAnnounceSoundId: queues.agentAnnounceSoundId,
      })
      .from(queues)
      .where(
        or(
          eq(queues.joinAnnounceSoundId, soundId),
          eq(queues.periodicAnnounceSoundId, soundId),
          eq(queues.agentAnnounceSoundId, soundId),
        ),
      )
      .orderBy(asc(queues.number)),
  ]);
  return [
    ...classes.map((c) => `music-on-hold class “${c.name}”`),
    ...ivrs.map((i) => `IVR ${i.number} “${i.name}”`),
    ...clips.map((c) => `soundboard clip “${c.label}”`),
    ...queueRows.map((q) => {
      const roles = QUEUE_SOUND_FIELDS.filter((f) => q[f] === soundId).map((f) => QUEUE_SOUND_LABELS[f]);
      return `queue ${q.number} “${q.name}” (${roles.join(", ")})`;
    }),
  ];
}

/**
 * Checks, inside the saving transaction, that each chosen sound exists, and locks it FOR SHARE so
 * a concurrent delete waits for this save and then finds the new user. Throws one field error per
 * missing sound, keyed by the field that chose it.
 */
export async function lockSounds({
  tx,
  refs,
}: {
  tx: Tx;
  refs: Partial<Record<string, string | null>>;
}): Promise<void> {
  const ids = [...new Set(Object.values(refs).filter((v): v is string => Boolean(v)))];
  if (ids.length === 0) return;
  const rows = await tx.select({ id: sounds.id }).from(sounds).where(inArray(sounds.id, ids)).for("share");
  const found = new Set(rows.map((r) => r.id));
  const message = "That sound is no longer in the library: choose another.";
  const missing = Object.entries(refs).filter(([, id]) => id && !found.has(id));
  if (missing.length)
    throw new AppError("bad_request:sound", message, {
      fieldErrors: Object.fromEntries(missing.map(([field]) => [field, [message]])),
    });
}
