import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { loadBuilderChoices } from "../builder-choices";
import { IvrBuilder } from "../ivr-builder";

export const metadata = { title: "New IVR" };

export default async function NewIvrPage() {
  await requirePermission("ivrs.write");
  return (
    <>
      <PageHeader
        title="New IVR"
        description="Draw the call flow, then save. Saved changes go live with the next apply."
      />
      <IvrBuilder choices={await loadBuilderChoices()} />
    </>
  );
}
