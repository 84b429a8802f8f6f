import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { DispositionForm } from "../disposition-form";

export const metadata = { title: "New disposition code" };

export default async function NewDispositionPage() {
  await requirePermission("dispositions.write");
  return (
    <>
      <PageHeader title="New disposition code" description="Agents choose it when they wrap up a call." />
      <DispositionForm />
    </>
  );
}
