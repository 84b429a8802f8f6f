"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import { deleteTeam } from "../actions";

export function DeleteTeamButton({ team }: { team: { id: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card space-y-3 p-6" aria-labelledby="delete-team-heading">
      <h2 id="delete-team-heading" className="font-semibold">
        Delete team
      </h2>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Its supervisors stop seeing its members and queues on the live panel. The users and queues stay.
      </p>
      <FormError message={message} />
      <button type="button" className="btn-danger" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden /> Delete team
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${team.name}?`}
        message="This cannot be undone."
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await deleteTeam({ id: team.id });
          setBusy(false);
          setOpen(false);
          if (!result.ok) {
            setMessage(result.error.message);
            return;
          }
          router.push("/teams");
          router.refresh();
        }}
      />
    </section>
  );
}
