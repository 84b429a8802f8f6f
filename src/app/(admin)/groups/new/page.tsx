import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { GroupForm } from "../group-form";

export const metadata = { title: "New ring group" };

export default async function NewGroupPage() {
  await requirePermission("extensions.write");
  const choices = await listDestinationOptions();
  return (
    <>
      <PageHeader title="New ring group" description="Saved changes go live with the next apply." />
      <GroupForm choices={choices} />
    </>
  );
}
