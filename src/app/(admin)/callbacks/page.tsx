import Link from "next/link";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { SearchForm } from "@/components/search-form";
import { getCallbackScope } from "@/lib/agent/callback-scope";
import { utcToZonedLocal } from "@/lib/agent/zoned-time";
import { requireUser } from "@/lib/auth/session";
import { listCallbacks } from "@/lib/db/queries/agent";
import { getSetting } from "@/lib/db/queries/settings";
import { CALLBACK_VIEWS, type CallbackView, callbackFiltersSchema } from "@/lib/validations/agent-workflow";
import { CallbackRowActions } from "./callback-row-actions";
import { ScheduleCallbackSection } from "./schedule-callback-section";

export const metadata = { title: "Callbacks" };

const VIEW_LABELS: Record<CallbackView, string> = { due: "Due", upcoming: "Upcoming", past: "Past" };

export default async function CallbacksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const own = user.permissions.has("callbacks.own");
  const manage = user.permissions.has("callbacks.manage");
  if (!own && !manage) forbidden();
  const raw = await searchParams;
  const one = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k]);
  const parsed = callbackFiltersSchema.safeParse({
    q: one("q"),
    view: one("view"),
    who: one("who") ?? (own ? "mine" : "all"),
    sort: one("sort"),
    dir: one("dir"),
    cursor: one("cursor"),
  });
  const filters = parsed.success ? parsed.data : callbackFiltersSchema.parse({ who: own ? "mine" : "all" });
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  if (!manage) filters.who = "mine";
  const [scope, timeZone] = await Promise.all([
    getCallbackScope(user),
    getSetting("general.timezone").then((tz) => tz ?? "UTC"),
  ]);
  const now = new Date();
  const page = await listCallbacks({ filters, scope, userId: user.id, now });
  const params = {
    q: filters.q,
    view: filters.view,
    who: filters.who,
    sort: filters.sort,
    dir: filters.dir,
  };
  const href = (patch: Record<string, string>) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...params, ...patch })) if (v) sp.set(k, v);
    return `/callbacks?${sp.toString()}`;
  };
  const fmt = new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <PageHeader title="Callbacks" description={`Calls promised to customers. Times are in ${timeZone}.`} />
      {own && <ScheduleCallbackSection timeZone={timeZone} minLocal={utcToZonedLocal(now, timeZone)} />}
      <nav aria-label="Callback views" className="mb-4 flex flex-wrap items-center gap-2">
        {CALLBACK_VIEWS.map((v) => (
          <Link
            key={v}
            href={href({ view: v, cursor: "", dir: "" })}
            aria-current={filters.view === v ? "page" : undefined}
            className={filters.view === v ? "btn-primary" : "btn-secondary"}
          >
            {VIEW_LABELS[v]}
          </Link>
        ))}
        {manage && (
          <span className="ml-auto flex gap-2">
            <Link
              href={href({ who: "mine", cursor: "" })}
              aria-current={filters.who === "mine" ? "true" : undefined}
              className={filters.who === "mine" ? "btn-primary" : "btn-secondary"}
            >
              Mine
            </Link>
            <Link
              href={href({ who: "all", cursor: "" })}
              aria-current={filters.who === "all" ? "true" : undefined}
              className={filters.who === "all" ? "btn-primary" : "btn-secondary"}
            >
              {scope.kind === "all" ? "Everyone's" : "My teams'"}
            </Link>
          </span>
        )}
      </nav>
      <SearchForm label="Search callbacks" placeholder="Number contains" defaultValue={filters.q}>
        <input type="hidden" name="view" value={filters.view} />
        <input type="hidden" name="who" value={filters.who} />
        <label htmlFor="callbacks-sort" className="sr-only">
          Sort by
        </label>
        <select id="callbacks-sort" name="sort" defaultValue={filters.sort} className="input w-auto">
          <option value="due">Due time</option>
          <option value="created">Created</option>
        </select>
        <label htmlFor="callbacks-dir" className="sr-only">
          Order
        </label>
        <select id="callbacks-dir" name="dir" defaultValue={filters.dir ?? ""} className="input w-auto">
          <option value="">Default order</option>
          <option value="asc">Oldest first</option>
          <option value="desc">Newest first</option>
        </select>
      </SearchForm>
      {errors.length > 0 && (
        <p role="alert" className="mb-4 text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      )}
      {page.rows.length === 0 ? (
        <EmptyState title={`No ${VIEW_LABELS[filters.view].toLowerCase()} callbacks`}>
          {filters.view === "due" ? "Nothing to call back right now." : "None match."}
        </EmptyState>
      ) : (
        <div className="card overflow-x-auto">
          <table className="table-base">
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Number</th>
                <th scope="col">Note</th>
                {filters.who === "all" && <th scope="col">Agent</th>}
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td className="whitespace-nowrap">
                    {fmt.format(row.dueAt)}
                    {row.status === "scheduled" && row.dueAt <= now && (
                      <span className="ml-2 text-xs font-medium text-rose-700 dark:text-rose-300">due</span>
                    )}
                  </td>
                  <td className="font-mono">{row.number}</td>
                  <td>
                    {row.note}
                    {row.linkedid && (
                      <Link
                        href={`/calls?call=${encodeURIComponent(row.linkedid)}`}
                        className="ml-2 text-xs text-indigo-700 hover:underline dark:text-indigo-300"
                      >
                        Original call
                      </Link>
                    )}
                  </td>
                  {filters.who === "all" && <td>{row.agentName}</td>}
                  <td className="capitalize">{row.status}</td>
                  <td>
                    {row.status === "scheduled" && (
                      <CallbackRowActions
                        callback={{
                          id: row.id,
                          number: row.number,
                          dueLocal: utcToZonedLocal(row.dueAt, timeZone),
                        }}
                        canDial={row.userId === user.id}
                        minLocal={utcToZonedLocal(now, timeZone)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager basePath="/callbacks" params={params} nextCursor={page.nextCursor} isFirst={!filters.cursor} />
    </>
  );
}
