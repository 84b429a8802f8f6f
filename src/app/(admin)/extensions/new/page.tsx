import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listLinkableUsers } from "@/lib/db/queries/extensions";
import { ExtensionForm } from "../extension-form";

export const metadata = { title: "New extension" };

export default async function NewExtensionPage() {
  await requirePermission("extensions.write");
  const users = await listLinkableUsers();
  return (
    <>
      <PageHeader
        title="New extension"
        description="A strong SIP secret is generated when you save. The phone works after the next apply."
      />
      <ExtensionForm users={users} />
    </>
  );
}
