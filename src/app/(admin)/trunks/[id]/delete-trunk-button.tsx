"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteTrunk } from "../actions";

export function DeleteTrunkButton({ trunk }: { trunk: { id: string; name: string } }) {
  return (
    <DeleteSection
      noun="trunk"
      title={`Delete trunk ${trunk.name}?`}
      onDelete={() => deleteTrunk({ id: trunk.id })}
      listHref="/trunks"
    >
      Calls stop going out and coming in on {trunk.name} after the next apply. A trunk that an outbound route
      still uses cannot be deleted.
    </DeleteSection>
  );
}
