"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteRingTree } from "../actions";

export function DeleteRingTreeButton({ tree }: { tree: { id: string; number: string; name: string } }) {
  return (
    <DeleteSection
      noun="ring tree"
      title={`Delete ${tree.name} (${tree.number})?`}
      message="This cannot be undone."
      onDelete={() => deleteRingTree({ id: tree.id })}
      listHref="/ring-trees"
    >
      A ring tree that an inbound number, group or queue still sends calls to cannot be deleted.
    </DeleteSection>
  );
}
