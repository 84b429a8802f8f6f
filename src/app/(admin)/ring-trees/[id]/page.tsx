import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { can, requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { getRingTreeById, listCallerListOptions } from "@/lib/db/queries/inbound";
import { RING_TREE_NODE_LABELS } from "@/lib/validations/inbound";
import { RingTreeForm } from "../tree-form";
import { DeleteRingTreeButton } from "./delete-tree-button";

export const metadata = { title: "Edit ring tree" };

export default async function EditRingTreePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const me = await requirePermission("inbound.read");
  const { id } = await params;
  const tree = await getRingTreeById({ id });
  if (!tree) notFound();
  const { saved } = await searchParams;
  const lists = await listCallerListOptions();
  return (
    <>
      <PageHeader title={tree.name} description={`Ring tree ${tree.number}`} />
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
          <RingTreeForm
            choices={await listDestinationOptions()}
            lists={lists}
            tree={{
              id: tree.id,
              number: tree.number,
              name: tree.name,
              lists: tree.lists,
              nodes: tree.nodes.map((n) => ({
                key: n.nodeKey,
                parentKey: n.parentKey,
                kind: n.kind,
                target: n.target ?? "",
                listId: n.listId ?? "",
                timeout: String(n.timeout),
              })),
            }}
          />
          <DeleteRingTreeButton tree={{ id: tree.id, number: tree.number, name: tree.name }} />
        </div>
      ) : (
        <ol className="card space-y-1 p-6 text-sm">
          {tree.nodes.map((n) => (
            <li key={n.nodeKey}>
              <span className="font-mono">{n.nodeKey}</span> {n.parentKey ? `after ${n.parentKey}` : "first"}:{" "}
              {RING_TREE_NODE_LABELS[n.kind]} {n.target ?? ""}{" "}
              {n.kind === "filter" || n.kind === "hangup" ? "" : `(${n.timeout} s)`}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
