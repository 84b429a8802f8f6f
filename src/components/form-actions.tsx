"use client";

import { useRouter } from "next/navigation";

/** A form's Cancel (back to where the user came from) and submit buttons, busy while saving. */
export function FormActions({ busy, submitLabel }: { busy: boolean; submitLabel: string }) {
  const router = useRouter();
  return (
    <div className="flex justify-end gap-2">
      <button type="button" className="btn-secondary" onClick={() => router.back()}>
        Cancel
      </button>
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? "Saving…" : submitLabel}
      </button>
    </div>
  );
}
