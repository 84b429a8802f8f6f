import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { getIvrById, listIvrVersions } from "@/lib/db/queries/ivrs";
import { ivrGraphSchema } from "@/lib/ivr/graph";
import { loadBuilderChoices } from "../builder-choices";
import { IvrBuilder } from "../ivr-builder";
import { DeleteIvrButton, RestoreVersionButton } from "./ivr-controls";

export const metadata = { title: "IVR" };

export default async function IvrPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePermission("ivrs.read");
  const { id } = await params;
  const ivr = await getIvrById({ id });
  if (!ivr) notFound();
  const parsed = ivrGraphSchema.safeParse(ivr.graph);
  const graph = parsed.success ? parsed.data : { nodes: [], edges: [] };
  const versions = await listIvrVersions({ ivrId: ivr.id });
  const writable = can(me, "ivrs.write");
  return (
    <>
      <PageHeader
        title={ivr.name}
        description={`IVR ${ivr.number} · version ${ivr.version} (the one that compiles)`}
      />
      <div className="space-y-6">
        {writable ? (
          <IvrBuilder
            key={ivr.version}
            ivr={{ id: ivr.id, number: ivr.number, name: ivr.name, version: ivr.version, graph }}
            choices={await loadBuilderChoices()}
          />
        ) : (
          <p className="card p-4 text-sm">
            {graph.nodes.length} steps, {graph.edges.length} connections. You may view IVRs but not change
            them.
          </p>
        )}
        <section aria-labelledby="versions-heading" className="card p-4">
          <h2 id="versions-heading" className="font-semibold">
            Versions
          </h2>
          <table className="table-base mt-2">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Saved</th>
                <th scope="col">By</th>
                <th scope="col">Steps</th>
                <th scope="col">Note</th>
                <th scope="col">
                  <span className="sr-only">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    {v.version}
                    {v.version === ivr.version ? " (current)" : ""}
                  </td>
                  <td>{v.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</td>
                  <td>{v.savedBy ?? "—"}</td>
                  <td>{v.steps}</td>
                  <td>{v.note ?? ""}</td>
                  <td className="text-right">
                    {writable && v.version !== ivr.version && (
                      <RestoreVersionButton id={ivr.id} version={v.version} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {writable && <DeleteIvrButton ivr={{ id: ivr.id, number: ivr.number, name: ivr.name }} />}
      </div>
    </>
  );
}
