import { notFound } from "next/navigation";
import { DiffView } from "@/components/diff-view";
import { PageHeader } from "@/components/page-header";
import { diffFiles, filesOfRevision } from "@/lib/asterisk/publish/review";
import { requirePermission } from "@/lib/auth/session";
import { getPreviousLiveRevision, getRevisionById } from "@/lib/db/queries/config";
import { ApplyPanel } from "../../apply-panel";
import { STATUS_STYLE } from "../../status-style";

export const metadata = { title: "Revision" };

export default async function RevisionPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("config.apply");
  const { id: raw } = await params;
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) notFound();
  const revision = await getRevisionById({ id });
  if (!revision) notFound();
  const previous = await getPreviousLiveRevision({ id });
  const [files, before] = await Promise.all([
    filesOfRevision(id),
    previous ? filesOfRevision(previous.id) : Promise.resolve(new Map()),
  ]);
  const diffs = diffFiles(before, new Map([...files].map(([k, v]) => [k, v ?? ""])));
  return (
    <>
      <PageHeader
        title={`Revision #${revision.id}`}
        description={`${revision.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC by ${revision.userEmail ?? "system"} · ${revision.durationMs} ms`}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card space-y-3 p-5 text-sm">
          <p>
            Result:{" "}
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[revision.status]}`}>
              {revision.status}
            </span>
          </p>
          {revision.rollbackOf && <p>Rolled back to revision #{revision.rollbackOf}.</p>}
          <p>Written: {revision.changedFiles.join(", ") || "nothing"}</p>
          <p>Reloaded: {revision.reloaded.join(", ") || "nothing"}</p>
          {revision.error && (
            <p className="rounded-md bg-rose-50 p-2 text-rose-800 dark:bg-rose-950 dark:text-rose-200">
              {revision.error}
              {revision.errorSource && (
                <span className="block font-mono text-xs">Source: {revision.errorSource}</span>
              )}
            </p>
          )}
          <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
            <p className="mb-2 text-slate-500">
              Put these files back live. The rollback goes through the same write, reload and verify steps.
            </p>
            <ApplyPanel
              label={`Roll back to #${revision.id}`}
              rollbackTo={revision.id}
              disabled={files.size === 0}
              confirm={`Asterisk will load the files of revision #${revision.id}. Changes saved since then stay in the database and show as pending.`}
            />
          </div>
        </section>
        <section className="space-y-4 lg:col-span-2" aria-label="Files">
          <p className="text-sm text-slate-500">
            {previous
              ? `Compared with revision #${previous.id}.`
              : "The first revision: compared with empty files."}
          </p>
          {diffs.length === 0 && <p className="text-sm">No file differs from the previous revision.</p>}
          {diffs.map((d) => (
            <details key={d.file} open className="card p-4">
              <summary className="cursor-pointer font-mono text-sm">
                {d.file} <span className="text-teal-600">+{d.added}</span>{" "}
                <span className="text-rose-600">−{d.removed}</span>
              </summary>
              <div className="mt-3">
                <DiffView patch={d.patch} />
              </div>
            </details>
          ))}
        </section>
      </div>
    </>
  );
}
