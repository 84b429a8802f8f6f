import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { getGroupById } from "@/lib/db/queries/groups";
import { describeDestination } from "@/lib/validations/destination";
import { GROUP_STRATEGY_LABELS } from "@/lib/validations/group";
import { GroupForm } from "../group-form";
import { DeleteGroupButton } from "./delete-group-button";

export const metadata = { title: "Edit ring group" };

export default async function EditGroupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("extensions.read");
  const { id } = await params;
  const group = await getGroupById({ id });
  if (!group) notFound();
  const { saved } = await searchParams;
  const failover = { type: group.failoverType, target: group.failoverTarget };
  return (
    <>
      <PageHeader title={group.name} description={`Ring group ${group.number}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved. The change goes live with the next apply.
        </p>
      )}
      {can(me, "extensions.write") ? (
        <div className="space-y-6">
          <GroupForm
            choices={await listDestinationOptions()}
            group={{
              id: group.id,
              number: group.number,
              name: group.name,
              strategy: group.strategy,
              ringTime: group.ringTime,
              failover: { type: group.failoverType, target: group.failoverTarget ?? "" },
              members: group.members.map((m) => ({ number: m.number, name: m.name })),
            }}
          />
          <DeleteGroupButton group={{ id: group.id, number: group.number, name: group.name }} />
        </div>
      ) : (
        <dl className="card grid gap-x-6 gap-y-3 p-6 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Strategy</dt>
          <dd>{GROUP_STRATEGY_LABELS[group.strategy]}</dd>
          <dt className="font-medium">Ring time</dt>
          <dd>{group.ringTime} s</dd>
          <dt className="font-medium">Members</dt>
          <dd>
            {group.members.length === 0 ? (
              "None"
            ) : (
              <ol className="list-decimal pl-5">
                {group.members.map((m) => (
                  <li key={m.number}>
                    <span className="font-mono">{m.number}</span> {m.name}
                  </li>
                ))}
              </ol>
            )}
          </dd>
          <dt className="font-medium">Failover</dt>
          <dd>{describeDestination(failover)}</dd>
        </dl>
      )}
    </>
  );
}
