"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { deleteSound } from "./actions";

/** Deletes a sound after a confirmation; a refusal (still used) shows beside the button. */
export function DeleteSoundButton({ sound }: { sound: { id: string; name: string } }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        className="rounded p-1.5 text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950"
        aria-label={`Delete ${sound.name}`}
        onClick={() => setOpen(true)}
      >
        <Trash2 className="size-4" aria-hidden />
      </button>
      {error && (
        <p role="alert" className="max-w-xs text-right text-xs text-rose-600 dark:text-rose-400">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={open}
        title={`Delete ${sound.name}?`}
        message="Its audio file is removed. This cannot be undone."
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await deleteSound({ id: sound.id });
          setBusy(false);
          setOpen(false);
          if (!result.ok) setError(result.error.message);
          else {
            setError(null);
            router.refresh();
          }
        }}
      />
    </div>
  );
}
