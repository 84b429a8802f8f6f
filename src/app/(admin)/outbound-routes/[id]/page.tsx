import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { getRouteById, listTrunkChoices } from "@/lib/db/queries/trunks";
import { CLASS_LABELS } from "@/lib/validations/trunk-options";
import { RouteForm } from "../route-form";
import { DeleteSectionForRoute } from "./delete-route-button";

export const metadata = { title: "Edit outbound route" };

export default async function EditRoutePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePermission("trunks.read");
  const { id } = await params;
  const route = await getRouteById({ id });
  if (!route) notFound();
  return (
    <>
      <PageHeader title={route.name} description="Outbound route" />
      {can(me, "trunks.write") ? (
        <div className="space-y-6">
          <RouteForm route={route} trunks={await listTrunkChoices()} />
          <DeleteSectionForRoute route={{ id: route.id, name: route.name }} />
        </div>
      ) : (
        <dl className="card grid gap-x-6 gap-y-3 p-6 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Patterns</dt>
          <dd className="font-mono">{route.patterns.join(" ")}</dd>
          <dt className="font-medium">Strip / prepend</dt>
          <dd className="font-mono">
            {route.strip} / {route.prepend || "—"}
          </dd>
          <dt className="font-medium">Trunks</dt>
          <dd className="font-mono">{route.trunks.map((t) => t.name).join(" → ")}</dd>
          <dt className="font-medium">Classes</dt>
          <dd>{route.classes.map((c) => CLASS_LABELS[c]).join(", ")}</dd>
        </dl>
      )}
    </>
  );
}
