import { asc, eq } from "drizzle-orm";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { sounds } from "@/lib/db/schema/ivr";
import { soundboardClips } from "@/lib/db/schema/soundboard";
import { SoundboardEditor } from "./soundboard-editor";

export const metadata = { title: "Soundboard" };

export default async function SoundboardPage() {
  await requirePermission("soundboard.write");
  const [clips, library] = await Promise.all([
    db
      .select({
        id: soundboardClips.id,
        label: soundboardClips.label,
        soundId: soundboardClips.soundId,
        soundName: sounds.name,
        durationMs: sounds.durationMs,
      })
      .from(soundboardClips)
      .innerJoin(sounds, eq(sounds.id, soundboardClips.soundId))
      .orderBy(asc(soundboardClips.sortOrder), asc(soundboardClips.label)),
    db.select({ id: sounds.id, name: sounds.name }).from(sounds).orderBy(asc(sounds.name)).limit(2000),
  ]);
  return (
    <>
      <PageHeader
        title="Soundboard"
        description="Clips agents can play into their own calls from the phone; both parties hear them."
      />
      {library.length === 0 ? (
        <div className="card p-6 text-sm">
          The sound library is empty.{" "}
          <Link href="/sounds" className="text-indigo-700 underline dark:text-indigo-300">
            Upload a sound
          </Link>{" "}
          first, then add it here as a clip.
        </div>
      ) : (
        <SoundboardEditor clips={clips} library={library} />
      )}
    </>
  );
}
