import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { listCallerListOptions } from "@/lib/db/queries/inbound";
import { RingTreeForm } from "../tree-form";

export const metadata = { title: "New ring tree" };

export default async function NewRingTreePage() {
  await requirePermission("inbound.write");
  const [choices, lists] = await Promise.all([listDestinationOptions(), listCallerListOptions()]);
  return (
    <>
      <PageHeader title="New ring tree" description="Saved changes go live with the next apply." />
      <RingTreeForm choices={choices} lists={lists} />
    </>
  );
}
