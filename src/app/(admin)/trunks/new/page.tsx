import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { TrunkForm } from "../trunk-form";

export const metadata = { title: "New trunk" };

export default async function NewTrunkPage() {
  await requirePermission("trunks.write");
  return (
    <>
      <PageHeader title="New trunk" description="Saved changes go live with the next apply." />
      <TrunkForm />
    </>
  );
}
