import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { ScorecardForm } from "../scorecard-form";

export const metadata = { title: "New scorecard" };

export default async function NewScorecardPage() {
  await requirePermission("qa.manage");
  return (
    <>
      <PageHeader title="New scorecard" />
      <ScorecardForm />
    </>
  );
}
