import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { CallerListForm } from "../list-form";

export const metadata = { title: "New list" };

export default async function NewCallerListPage() {
  await requirePermission("blocklists.write");
  return (
    <>
      <PageHeader
        title="New block or allow list"
        description="Add its numbers and patterns once it is created."
      />
      <CallerListForm />
    </>
  );
}
