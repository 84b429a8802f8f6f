import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getTeamById, listTeamChoices } from "@/lib/db/queries/teams";
import { TeamForm } from "../team-form";
import { DeleteTeamButton } from "./delete-team-button";

export const metadata = { title: "Edit team" };

export default async function EditTeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  await requirePermission("teams.write");
  const { id } = await params;
  const team = await getTeamById({ id });
  if (!team) notFound();
  const { saved } = await searchParams;
  return (
    <>
      <PageHeader title={team.name} description={`Team of ${team.members.length}`} />
      {saved && (
        <p
          role="status"
          className="mb-4 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Saved.
        </p>
      )}
      <div className="space-y-6">
        <TeamForm team={team} choices={await listTeamChoices()} />
        <DeleteTeamButton team={{ id: team.id, name: team.name }} />
      </div>
    </>
  );
}
