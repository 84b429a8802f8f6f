import Link from "next/link";
import { DiffView } from "@/components/diff-view";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { getReview } from "@/lib/asterisk/publish/review";
import { requirePermission } from "@/lib/auth/session";
import { ApplyPanel } from "./apply-panel";

export const metadata = { title: "Review & apply" };

const EDIT_PATHS: Record<string, string> = { extension: "/extensions", group: "/groups", queue: "/queues" };

export default async function ConfigPage() {
  await requirePermission("config.apply");
  const review = await getReview();
  const blocked = review.problems.length > 0;
  return (
    <>
      <PageHeader
        title="Review & apply"
        description="What Asterisk would load if you applied now. Only changed files are written, and only their modules reload."
        actions={
          <Link href="/config/revisions" className="btn-secondary">
            Revisions
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card p-5 lg:col-span-1" aria-labelledby="pending-heading">
          <h2 id="pending-heading" className="font-semibold">
            {review.pending.length} pending change{review.pending.length === 1 ? "" : "s"}
          </h2>
          {review.pending.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">Every saved change is live.</p>
          ) : (
            <ul className="mt-3 max-h-80 space-y-1 overflow-auto text-sm">
              {review.pending.map((p) => (
                <li key={p.id} className="flex justify-between gap-2">
                  <span>
                    <span className="font-mono text-xs text-slate-500">{p.action}</span>{" "}
                    {p.entityLabel ?? p.entity}
                  </span>
                  <time className="text-xs text-slate-500">{p.createdAt.toISOString().slice(11, 16)}</time>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-5 border-t border-slate-200 pt-4 dark:border-slate-800">
            <p className="mb-2 text-sm">
              Reloads:{" "}
              {review.modules.length ? (
                review.modules.map((m) => (
                  <span
                    key={m}
                    className="mr-1 rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300"
                  >
                    {m}
                  </span>
                ))
              ) : (
                <span className="text-slate-500">nothing</span>
              )}
            </p>
            <ApplyPanel label="Apply to Asterisk" disabled={blocked} />
            {blocked && <p className="mt-2 text-sm text-rose-600">Fix the errors listed before applying.</p>}
          </div>
        </section>

        <section className="space-y-4 lg:col-span-2" aria-label="Changes">
          {review.problems.length > 0 && (
            <div className="card border-rose-300 p-5 dark:border-rose-900" role="alert">
              <h2 className="font-semibold text-rose-700 dark:text-rose-300">
                {review.problems.length} validation error{review.problems.length === 1 ? "" : "s"}
              </h2>
              <ul className="mt-2 space-y-1 text-sm">
                {review.problems.map((p, i) => {
                  const [kind, id] = p.source.split(":");
                  const href = kind && id && EDIT_PATHS[kind] ? `${EDIT_PATHS[kind]}/${id}` : null;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed per render
                    <li key={i}>
                      {href ? (
                        <Link
                          href={href}
                          className="font-medium text-indigo-700 underline dark:text-indigo-300"
                        >
                          {p.label}
                        </Link>
                      ) : (
                        <span className="font-medium">{p.label}</span>
                      )}{" "}
                      · <span className="font-mono text-xs">{p.field}</span>: {p.message}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {!blocked && review.diffs.length === 0 && (
            <EmptyState title="No differences">
              Asterisk's include files already match the database.
            </EmptyState>
          )}
          {review.diffs.map((d) => (
            <details key={d.file} open className="card p-4">
              <summary className="cursor-pointer text-sm font-medium">
                <span className="font-mono">{d.file}</span> <span className="text-teal-600">+{d.added}</span>{" "}
                <span className="text-rose-600">−{d.removed}</span>{" "}
                <span className="text-xs text-slate-500">reloads {d.module}</span>
              </summary>
              <div className="mt-3">
                <DiffView patch={d.patch} />
              </div>
            </details>
          ))}
          {review.baseline === "revision" && (
            <p className="text-xs text-slate-500">
              ASTERISK_CONFIG_DIR is not set on this server, so the diff is against the last applied revision.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
