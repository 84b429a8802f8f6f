"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteRoute } from "../actions";

export function DeleteSectionForRoute({ route }: { route: { id: string; name: string } }) {
  return (
    <DeleteSection
      noun="outbound route"
      title={`Delete route ${route.name}?`}
      onDelete={() => deleteRoute({ id: route.id })}
      listHref="/outbound-routes"
    >
      Numbers only this route matched can no longer be called after the next apply. Its trunks stay.
    </DeleteSection>
  );
}
