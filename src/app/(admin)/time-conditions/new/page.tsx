import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listDestinationOptions } from "@/lib/db/queries/destinations";
import { getSetting } from "@/lib/db/queries/settings";
import { TimeConditionForm } from "../time-condition-form";

export const metadata = { title: "New time condition" };

export default async function NewTimeConditionPage() {
  await requirePermission("ivrs.write");
  return (
    <>
      <PageHeader title="New time condition" description="Saved changes go live with the next apply." />
      <TimeConditionForm
        choices={await listDestinationOptions()}
        timezone={(await getSetting("general.timezone")) ?? "UTC"}
      />
    </>
  );
}
