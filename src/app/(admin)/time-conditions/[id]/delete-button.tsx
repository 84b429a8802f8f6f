"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteTimeCondition } from "../actions";

export function DeleteTimeConditionButton({ tc }: { tc: { id: string; number: string; name: string } }) {
  return (
    <DeleteSection
      noun="time condition"
      title={`Delete ${tc.name} (${tc.number})?`}
      onDelete={() => deleteTimeCondition({ id: tc.id })}
      listHref="/time-conditions"
    >
      Calls to {tc.number} stop after the next apply. A time condition that a DID, IVR or other object still
      sends calls to cannot be deleted.
    </DeleteSection>
  );
}
