import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { getDidById, listCallerListOptions } from "@/lib/db/queries/inbound";
import { describeDestination } from "@/lib/validations/destination";
import { DidForm } from "../did-form";
import { DeleteDidButton } from "./delete-did-button";

export const metadata = { title: "Edit inbound number" };

export default async function EditDidPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("inbound.read");
  const { id } = await params;
  const did = await getDidById({ id });
  if (!did) notFound();
  const { saved } = await searchParams;
  const lists = await listCallerListOptions();
  const listName = new Map(lists.map((l) => [l.id, l.name]));
  return (
    <>
      <PageHeader
        title={did.number}
        description={did.description || "Inbound number"}
        actions={
          <Link href={`/routing/dry-run?did=${encodeURIComponent(did.number)}`} className="btn-secondary">
            Dry run a call
          </Link>
        }
      />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved. The change goes live with the next apply.
        </p>
      )}
      {can(me, "inbound.write") ? (
        <div className="space-y-6">
          <DidForm
            choices={await listDestinationOptions()}
            lists={lists}
            did={{
              id: did.id,
              number: did.number,
              description: did.description,
              trunkName: did.trunkName ?? "",
              destination: { type: did.destinationType, target: did.destinationTarget ?? "" },
              rules: did.rules.map((r) => ({
                pattern: r.pattern,
                destination: { type: r.destinationType, target: r.destinationTarget ?? "" },
              })),
              lists: did.lists,
            }}
          />
          <DeleteDidButton did={{ id: did.id, number: did.number }} />
        </div>
      ) : (
        <dl className="card grid gap-x-6 gap-y-3 p-6 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Trunk</dt>
          <dd className="font-mono">{did.trunkName ?? "any"}</dd>
          <dt className="font-medium">Destination</dt>
          <dd>{describeDestination({ type: did.destinationType, target: did.destinationTarget })}</dd>
          <dt className="font-medium">Caller-ID rules</dt>
          <dd>
            {did.rules.length === 0 ? (
              "None"
            ) : (
              <ol className="list-decimal pl-5">
                {did.rules.map((r) => (
                  <li key={r.pattern}>
                    <span className="font-mono">{r.pattern}</span> →{" "}
                    {describeDestination({ type: r.destinationType, target: r.destinationTarget })}
                  </li>
                ))}
              </ol>
            )}
          </dd>
          <dt className="font-medium">Lists</dt>
          <dd>{did.lists.map((l) => listName.get(l) ?? l).join(", ") || "None"}</dd>
        </dl>
      )}
    </>
  );
}
