import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listTrunkChoices } from "@/lib/db/queries/trunks";
import { RouteForm } from "../route-form";

export const metadata = { title: "New outbound route" };

export default async function NewRoutePage() {
  await requirePermission("trunks.write");
  return (
    <>
      <PageHeader title="New outbound route" description="New routes go last; reorder them on the list." />
      <RouteForm trunks={await listTrunkChoices()} />
    </>
  );
}
