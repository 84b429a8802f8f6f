"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteTeam } from "../actions";

export function DeleteTeamButton({ team }: { team: { id: string; name: string } }) {
  return (
    <DeleteSection
      noun="team"
      title={`Delete ${team.name}?`}
      onDelete={() => deleteTeam({ id: team.id })}
      listHref="/teams"
    >
      Its supervisors stop seeing its members and queues on the live panel. The users and queues stay.
    </DeleteSection>
  );
}
