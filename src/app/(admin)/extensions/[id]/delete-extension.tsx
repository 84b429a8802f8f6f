"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import { deleteExtension } from "../actions";

export function DeleteExtension({ extension }: { extension: { id: string; number: string; name: string } }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card p-6" aria-labelledby="delete-heading">
      <h2 id="delete-heading" className="font-semibold">
        Delete extension
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-500 dark:text-slate-400">
        Its linked user is unlinked. Refused while a ring group or queue still uses it.
      </p>
      <div className="space-y-3">
        <FormError message={error} />
        <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
          Delete extension
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${extension.number} ${extension.name}?`}
        message="The phone stops working at the next apply. This cannot be undone."
        confirmLabel="Delete"
        destructive
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy(true);
          const result = await deleteExtension({ id: extension.id });
          setBusy(false);
          setConfirming(false);
          if (!result.ok) return setError(result.error.message);
          router.push(`/extensions?deleted=${encodeURIComponent(extension.number)}`);
          router.refresh();
        }}
      />
    </section>
  );
}
