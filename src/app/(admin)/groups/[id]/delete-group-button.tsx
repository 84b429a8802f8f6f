"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import { deleteGroup } from "../actions";

export function DeleteGroupButton({ group }: { group: { id: string; number: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card space-y-3 p-6" aria-labelledby="delete-group-heading">
      <h2 id="delete-group-heading" className="font-semibold">
        Delete ring group
      </h2>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Calls to {group.number} stop ringing its members after the next apply. A group that another group or
        queue still sends calls to cannot be deleted.
      </p>
      <FormError message={message} />
      <button type="button" className="btn-danger" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden /> Delete ring group
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${group.name} (${group.number})?`}
        message="Its members stay as extensions. This cannot be undone."
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await deleteGroup({ id: group.id });
          setBusy(false);
          setOpen(false);
          if (!result.ok) {
            setMessage(result.error.message);
            return;
          }
          router.push("/groups");
          router.refresh();
        }}
      />
    </section>
  );
}
