"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteCallerList } from "../actions";

export function DeleteCallerListButton({ list }: { list: { id: string; name: string } }) {
  return (
    <DeleteSection
      noun="list"
      title={`Delete ${list.name}?`}
      message="Its numbers and patterns go with it. This cannot be undone."
      onDelete={() => deleteCallerList({ id: list.id })}
      listHref="/caller-lists"
    >
      A list that an inbound number, queue or ring tree still uses cannot be deleted.
    </DeleteSection>
  );
}
