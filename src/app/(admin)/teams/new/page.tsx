import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { listTeamChoices } from "@/lib/db/queries/teams";
import { TeamForm } from "../team-form";

export const metadata = { title: "New team" };

export default async function NewTeamPage() {
  await requirePermission("teams.write");
  return (
    <>
      <PageHeader title="New team" description="Members, their supervisors, and the queues they watch." />
      <TeamForm choices={await listTeamChoices()} />
    </>
  );
}
