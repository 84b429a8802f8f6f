import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Pager } from "@/components/pager";
import { requireUser } from "@/lib/auth/session";
import { formatSeconds } from "@/lib/calls/format";
import { callScopeFor } from "@/lib/calls/scope";
import { listCallWrapups, listDispositionCodes } from "@/lib/db/queries/agent";
import { type CallTotals, countCalls, getCallByLinkedid, listCalls } from "@/lib/db/queries/calls";
import { listRecordingsForCall } from "@/lib/db/queries/recordings";
import { callFiltersSchema, pickFilterParams } from "@/lib/validations/calls";
import { CallDrawer } from "./call-drawer";
import { CallFiltersForm } from "./call-filters-form";
import { CallsTable } from "./calls-table";
import { ExportButtons } from "./export-buttons";

export const metadata = { title: "Call history" };

type Params = Record<string, string | string[] | undefined>;

export default async function CallsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser();
  const scope = callScopeFor(user);
  if (!scope) forbidden();
  const params = await searchParams;
  const raw = pickFilterParams(params);
  const parsed = callFiltersSchema.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const openCall = typeof params.call === "string" && /^[\w.-]{1,40}$/.test(params.call) ? params.call : null;
  const [page, totals, detail] = parsed.success
    ? await Promise.all([
        listCalls({ filters: parsed.data, scope }),
        countCalls({ filters: { ...parsed.data, cursor: undefined }, scope }),
        openCall ? getCallByLinkedid({ linkedid: openCall, scope }) : null,
      ])
    : [null, null, null];
  // Only a call the user may see (detail is scoped) shows its recordings.
  const [recordings, wrapups] =
    openCall && detail
      ? await Promise.all([
          listRecordingsForCall({ linkedid: openCall }),
          listCallWrapups({ linkedid: openCall }),
        ])
      : [[], []];
  const codes = await listDispositionCodes();
  const { cursor: _cursor, ...filterParams } = raw;
  const filtered = Object.keys(filterParams).some((k) => k !== "sort" && k !== "dir");
  const closeHref = hrefWith(raw, {});
  return (
    <>
      <PageHeader
        title="Call history"
        description={
          scope.kind === "own"
            ? "Calls to, from or answered on your extension. Times are UTC."
            : "Every call, grouped by Linkedid with all its records. Times are UTC."
        }
        actions={
          parsed.success ? <ExportButtons query={new URLSearchParams(filterParams).toString()} /> : null
        }
      />
      <CallFiltersForm
        values={raw}
        errors={errors}
        dispositionCodes={codes.map((c) => ({ code: c.code, label: c.label }))}
      />
      {!parsed.success ? (
        <EmptyState title="These filters are not valid">
          Correct the highlighted fields and search again.
        </EmptyState>
      ) : page && page.rows.length > 0 ? (
        <>
          <Totals totals={totals} />
          <CallsTable
            rows={page.rows}
            hrefFor={(linkedid) => hrefWith(raw, { call: linkedid })}
            current={openCall}
          />
        </>
      ) : (
        <EmptyState title={filtered ? "No calls match these filters" : "No calls yet"}>
          {filtered
            ? "Widen the date range or clear some filters."
            : scope.kind === "own" && !user.extension
              ? "You have no extension, so there are no calls of yours to show."
              : "Calls appear here as soon as Asterisk records them."}
        </EmptyState>
      )}
      {page && (
        <Pager basePath="/calls" params={filterParams} nextCursor={page.nextCursor} isFirst={!raw.cursor} />
      )}
      {openCall && (
        <CallDrawer
          linkedid={openCall}
          detail={detail}
          closeHref={closeHref}
          recordings={recordings}
          canReview={user.permissions.has("qa.review")}
          wrapups={wrapups}
        />
      )}
    </>
  );
}

function Totals({ totals }: { totals: CallTotals | null }) {
  if (!totals) return null;
  const count = totals.count.toLocaleString("en-US");
  return (
    <p className="mb-2 text-sm text-slate-600 dark:text-slate-300" data-testid="call-totals">
      {totals.estimated ? (
        <>
          About {count} calls match{" "}
          <span className="text-slate-500">
            (an estimate: narrow the dates for an exact count and billed time).
          </span>
        </>
      ) : totals.capped ? (
        <>
          More than {count} calls match{" "}
          <span className="text-slate-500">
            (counting stops there: narrow the dates for an exact count and billed time).
          </span>
        </>
      ) : (
        <>
          {count} {totals.count === 1 ? "call" : "calls"} · {formatSeconds(totals.billsec ?? 0)} billed
        </>
      )}
    </p>
  );
}

function hrefWith(params: Record<string, string>, extra: Record<string, string>): string {
  const sp = new URLSearchParams({ ...params, ...extra });
  const qs = sp.toString();
  return qs ? `/calls?${qs}` : "/calls";
}
