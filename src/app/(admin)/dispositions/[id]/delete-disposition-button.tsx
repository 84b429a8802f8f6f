"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteDisposition } from "../actions";

export function DeleteDispositionButton({
  disposition,
  uses,
}: {
  disposition: { id: string; code: string; label: string };
  uses: number;
}) {
  return (
    <DeleteSection
      noun="disposition code"
      title={`Delete ${disposition.label} (${disposition.code})?`}
      onDelete={() => deleteDisposition({ id: disposition.id })}
      listHref="/dispositions"
    >
      {uses > 0
        ? `${uses} wrapped-up ${uses === 1 ? "call uses" : "calls use"} it, so it cannot be deleted: make it inactive instead.`
        : "Agents can no longer choose it. To keep it for later, make it inactive instead."}
    </DeleteSection>
  );
}
