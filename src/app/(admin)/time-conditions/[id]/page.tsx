import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { getTimeConditionById } from "@/lib/db/queries/ivrs";
import { getSetting } from "@/lib/db/queries/settings";
import { describeDestination } from "@/lib/validations/destination";
import { TimeConditionForm } from "../time-condition-form";
import { DeleteTimeConditionButton } from "./delete-button";

export const metadata = { title: "Edit time condition" };

export default async function EditTimeConditionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("ivrs.read");
  const { id } = await params;
  const tc = await getTimeConditionById({ id });
  if (!tc) notFound();
  const { saved } = await searchParams;
  const timezone = (await getSetting("general.timezone")) ?? "UTC";
  return (
    <>
      <PageHeader title={tc.name} description={`Time condition ${tc.number}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved. The change goes live with the next apply.
        </p>
      )}
      {can(me, "ivrs.write") ? (
        <div className="space-y-6">
          <TimeConditionForm
            choices={await listDestinationOptions()}
            timezone={timezone}
            tc={{
              id: tc.id,
              number: tc.number,
              name: tc.name,
              schedule: tc.schedule,
              holidays: tc.holidays,
              matched: { type: tc.matchedType, target: tc.matchedTarget ?? "" },
              unmatched: { type: tc.unmatchedType, target: tc.unmatchedTarget ?? "" },
            }}
          />
          <DeleteTimeConditionButton tc={{ id: tc.id, number: tc.number, name: tc.name }} />
        </div>
      ) : (
        <dl className="card grid gap-x-6 gap-y-3 p-6 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Rules ({timezone})</dt>
          <dd>
            {tc.schedule
              .map(
                (r) =>
                  `${r.days.map((d) => ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d]).join(" ")} ${r.start}–${r.end}`,
              )
              .join("; ")}
          </dd>
          <dt className="font-medium">Holidays</dt>
          <dd>
            {tc.holidays.length ? tc.holidays.map((h) => `${h.name} ${h.start}–${h.end}`).join("; ") : "None"}
          </dd>
          <dt className="font-medium">Matched</dt>
          <dd>{describeDestination({ type: tc.matchedType, target: tc.matchedTarget })}</dd>
          <dt className="font-medium">Not matched</dt>
          <dd>{describeDestination({ type: tc.unmatchedType, target: tc.unmatchedTarget })}</dd>
        </dl>
      )}
    </>
  );
}
