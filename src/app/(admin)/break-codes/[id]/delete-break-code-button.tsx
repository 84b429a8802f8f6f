"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteBreakCode } from "../actions";

export function DeleteBreakCodeButton({
  breakCode,
}: {
  breakCode: { id: string; code: string; label: string };
}) {
  return (
    <DeleteSection
      noun="break code"
      title={`Delete ${breakCode.label} (${breakCode.code})?`}
      onDelete={() => deleteBreakCode({ id: breakCode.id })}
      listHref="/break-codes"
    >
      Agents can no longer pause with it. Past pauses keep their code. To keep it for later, make it inactive
      instead.
    </DeleteSection>
  );
}
