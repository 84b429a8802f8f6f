"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteDid } from "../actions";

export function DeleteDidButton({ did }: { did: { id: string; number: string } }) {
  return (
    <DeleteSection
      noun="inbound number"
      title={`Delete ${did.number}?`}
      message="Its caller-ID rules go with it. This cannot be undone."
      onDelete={() => deleteDid({ id: did.id })}
      listHref="/dids"
    >
      Calls to {did.number} find no route after the next apply.
    </DeleteSection>
  );
}
