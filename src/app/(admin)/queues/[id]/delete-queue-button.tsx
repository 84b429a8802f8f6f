"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import { deleteQueue } from "../actions";

export function DeleteQueueButton({ queue }: { queue: { id: string; number: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card space-y-3 p-6" aria-labelledby="delete-queue-heading">
      <h2 id="delete-queue-heading" className="font-semibold">
        Delete queue
      </h2>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Calls to {queue.number} stop reaching its agents after the next apply. A queue that a group or another
        queue still sends calls to cannot be deleted.
      </p>
      <FormError message={message} />
      <button type="button" className="btn-danger" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden /> Delete queue
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${queue.name} (${queue.number})?`}
        message="Its members, agents and VIP callers are removed from it; the extensions stay. This cannot be undone."
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await deleteQueue({ id: queue.id });
          setBusy(false);
          setOpen(false);
          if (!result.ok) {
            setMessage(result.error.message);
            return;
          }
          router.push("/queues");
          router.refresh();
        }}
      />
    </section>
  );
}
