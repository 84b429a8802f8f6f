"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteGroup } from "../actions";

export function DeleteGroupButton({ group }: { group: { id: string; number: string; name: string } }) {
  return (
    <DeleteSection
      noun="ring group"
      title={`Delete ${group.name} (${group.number})?`}
      message="Its members stay as extensions. This cannot be undone."
      onDelete={() => deleteGroup({ id: group.id })}
      listHref="/groups"
    >
      Calls to {group.number} stop ringing its members after the next apply. A group that another group or
      queue still sends calls to cannot be deleted.
    </DeleteSection>
  );
}
