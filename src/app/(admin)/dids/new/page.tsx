import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { listCallerListOptions } from "@/lib/db/queries/inbound";
import { DidForm } from "../did-form";

export const metadata = { title: "New inbound number" };

export default async function NewDidPage() {
  await requirePermission("inbound.write");
  const [choices, lists] = await Promise.all([listDestinationOptions(), listCallerListOptions()]);
  return (
    <>
      <PageHeader title="New inbound number" description="Saved changes go live with the next apply." />
      <DidForm choices={choices} lists={lists} />
    </>
  );
}
