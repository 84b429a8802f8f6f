import { Plus } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { Can } from "@/components/permissions-provider";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth/session";
import { listMohClasses, listSounds } from "@/lib/db/queries/ivrs";
import { uploadMaxBytes } from "@/lib/sounds/dir";
import { MOH_SORT_LABELS } from "@/lib/validations/moh-class";
import { DeleteSoundButton } from "./delete-sound-button";
import { SoundUpload } from "./sound-upload";

export const metadata = { title: "Sounds & hold music" };

export default async function SoundsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("sounds.read");
  const { q, cursor } = await searchParams;
  const [page, classes] = await Promise.all([listSounds({ q: q?.slice(0, 100), cursor }), listMohClasses()]);
  return (
    <>
      <PageHeader
        title="Sounds & hold music"
        description="Prompts for IVRs, queue announcements and music for callers on hold. Uploads are checked and converted to 8 kHz mono WAV."
      />
      <div className="space-y-6">
        <Can permission="sounds.write">
          <SoundUpload maxMb={Math.round((uploadMaxBytes() / 1024 / 1024) * 10) / 10} />
        </Can>
        <section aria-labelledby="library-heading" className="space-y-3">
          <h2 id="library-heading" className="font-semibold">
            Library
          </h2>
          <SearchForm label="Search sounds" placeholder="Search by name" defaultValue={q} />
          {page.rows.length === 0 ? (
            <EmptyState title={q ? `No sounds match “${q}”` : "No sounds yet"}>
              Upload an MP3 or WAV to use it as an IVR prompt, a queue announcement or hold music.
            </EmptyState>
          ) : (
            <div className="card overflow-x-auto">
              <table className="table-base">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Length</th>
                    <th scope="col">Uploaded as</th>
                    <th scope="col">Preview</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {page.rows.map((s) => (
                    <tr key={s.id}>
                      <td className="font-mono">{s.name}</td>
                      <td>{formatDuration(s.durationMs)}</td>
                      <td className="uppercase">{s.sourceFormat}</td>
                      <td>
                        {/* biome-ignore lint/a11y/useMediaCaption: library sounds are music and prompts without transcripts */}
                        <audio
                          controls
                          preload="none"
                          src={`/api/sounds/${s.id}`}
                          aria-label={`Preview ${s.name}`}
                          className="h-8"
                        />
                      </td>
                      <td className="text-right">
                        <Can permission="sounds.write">
                          <DeleteSoundButton sound={{ id: s.id, name: s.name }} />
                        </Can>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager basePath="/sounds" params={{ q }} nextCursor={page.nextCursor} isFirst={!cursor} />
        </section>
        <section aria-labelledby="moh-heading" className="space-y-3">
          <div className="flex items-center justify-between">
            <h2 id="moh-heading" className="font-semibold">
              Music-on-hold classes
            </h2>
            <Can permission="sounds.write">
              <Link href="/sounds/moh/new" className="btn-primary">
                <Plus className="size-4" aria-hidden /> New class
              </Link>
            </Can>
          </div>
          {classes.length === 0 ? (
            <EmptyState title="No classes yet">
              Queues play Asterisk's “default” class until you add one.
            </EmptyState>
          ) : (
            <div className="card overflow-x-auto">
              <table className="table-base">
                <thead>
                  <tr>
                    <th scope="col">Class</th>
                    <th scope="col">Order</th>
                    <th scope="col">Sounds</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {classes.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link
                          href={`/sounds/moh/${c.id}`}
                          className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                        >
                          {c.name}
                        </Link>
                      </td>
                      <td>{MOH_SORT_LABELS[c.sort]}</td>
                      <td className="text-slate-600 dark:text-slate-300">
                        {c.sounds.map((s) => s.name).join(", ")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
