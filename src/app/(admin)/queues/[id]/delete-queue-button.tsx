"use client";

import { DeleteSection } from "@/components/delete-section";
import { deleteQueue } from "../actions";

export function DeleteQueueButton({ queue }: { queue: { id: string; number: string; name: string } }) {
  return (
    <DeleteSection
      noun="queue"
      title={`Delete ${queue.name} (${queue.number})?`}
      message="Its members, agents and VIP callers are removed from it; the extensions stay. This cannot be undone."
      onDelete={() => deleteQueue({ id: queue.id })}
      listHref="/queues"
    >
      Calls to {queue.number} stop reaching its agents after the next apply. A queue that a group or another
      queue still sends calls to cannot be deleted.
    </DeleteSection>
  );
}
