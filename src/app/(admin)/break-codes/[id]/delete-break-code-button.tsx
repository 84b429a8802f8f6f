"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import { deleteBreakCode } from "../actions";

export function DeleteBreakCodeButton({
  breakCode,
}: {
  breakCode: { id: string; code: string; label: string };
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="card space-y-3 p-6" aria-labelledby="delete-break-code-heading">
      <h2 id="delete-break-code-heading" className="font-semibold">
        Delete break code
      </h2>
      <p className="text-sm text-slate-500 dark:text-slate-400">
        Agents can no longer pause with it. Past pauses keep their code. To keep it for later, make it
        inactive instead.
      </p>
      <FormError message={message} />
      <button type="button" className="btn-danger" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden /> Delete break code
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${breakCode.label} (${breakCode.code})?`}
        message="This cannot be undone."
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await deleteBreakCode({ id: breakCode.id });
          setBusy(false);
          setOpen(false);
          if (!result.ok) {
            setMessage(result.error.message);
            return;
          }
          router.push("/break-codes");
          router.refresh();
        }}
      />
    </section>
  );
}
