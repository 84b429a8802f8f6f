"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { type ReactNode, useId, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import type { Result } from "@/lib/errors";

/**
 * The "Delete …" card at the bottom of an entity's page: what deleting means, a confirmation,
 * the server's refusal shown in place (still in use, not allowed), and back to the list after.
 */
export function DeleteSection({
  noun,
  title,
  message = "This cannot be undone.",
  children,
  onDelete,
  listHref,
}: {
  /** "ring group", "queue": the heading and button say "Delete <noun>". */
  noun: string;
  /** The confirmation's question, naming the entity. */
  title: string;
  message?: string;
  /** What deleting it does, shown above the button. */
  children: ReactNode;
  onDelete: () => Promise<Result<unknown>>;
  listHref: string;
}) {
  const router = useRouter();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card space-y-3 p-6" aria-labelledby={headingId}>
      <h2 id={headingId} className="font-semibold">
        Delete {noun}
      </h2>
      <p className="text-sm text-slate-500 dark:text-slate-400">{children}</p>
      <FormError message={error} />
      <button type="button" className="btn-danger" onClick={() => setOpen(true)}>
        <Trash2 className="size-4" aria-hidden /> Delete {noun}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        message={message}
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await onDelete();
          setBusy(false);
          setOpen(false);
          if (!result.ok) {
            setError(result.error.message);
            return;
          }
          router.push(listHref);
          router.refresh();
        }}
      />
    </section>
  );
}
