import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getScorecardById } from "@/lib/db/queries/qa";
import { ScorecardForm } from "../scorecard-form";

export const metadata = { title: "Scorecard" };

export default async function ScorecardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("qa.review");
  const card = await getScorecardById({ id: (await params).id });
  if (!card) notFound();
  const canManage = user.permissions.has("qa.manage");
  return (
    <>
      <PageHeader
        title={card.name}
        description={
          canManage
            ? "Edits apply to new reviews; submitted reviews keep the scorecard they were scored with."
            : "Read only."
        }
      />
      <ScorecardForm
        readOnly={!canManage}
        initial={{
          id: card.id,
          name: card.name,
          description: card.description,
          active: card.active,
          sections: card.sections,
        }}
      />
    </>
  );
}
