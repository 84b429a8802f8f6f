import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { getTrunkById } from "@/lib/db/queries/trunks";
import { AUTH_LABELS, CALLER_ID_LABELS, DIRECTION_LABELS } from "@/lib/validations/trunk-options";
import { TrunkForm } from "../trunk-form";
import { DeleteTrunkButton } from "./delete-trunk-button";

export const metadata = { title: "Edit trunk" };

export default async function EditTrunkPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("trunks.read");
  const { id } = await params;
  const trunk = await getTrunkById({ id });
  if (!trunk) notFound();
  const { saved } = await searchParams;
  return (
    <>
      <PageHeader title={trunk.name} description={`Trunk to ${trunk.host}:${trunk.port}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved. The change goes live with the next apply.
        </p>
      )}
      {can(me, "trunks.write") ? (
        <div className="space-y-6">
          <TrunkForm trunk={trunk} />
          <DeleteTrunkButton trunk={{ id: trunk.id, name: trunk.name }} />
        </div>
      ) : (
        <dl className="card grid gap-x-6 gap-y-3 p-6 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Direction</dt>
          <dd>{DIRECTION_LABELS[trunk.direction]}</dd>
          <dt className="font-medium">Authentication</dt>
          <dd>{AUTH_LABELS[trunk.authMode]}</dd>
          <dt className="font-medium">Transport</dt>
          <dd>{trunk.transport.toUpperCase()}</dd>
          <dt className="font-medium">Codecs</dt>
          <dd>{trunk.codecs.join(", ")}</dd>
          <dt className="font-medium">Caller ID</dt>
          <dd>
            {CALLER_ID_LABELS[trunk.callerIdMode]}
            {trunk.fixedCallerId ? ` (${trunk.fixedCallerId})` : ""}
          </dd>
        </dl>
      )}
    </>
  );
}
