"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { DeleteSection } from "@/components/delete-section";
import { deleteIvr, restoreIvrVersion } from "../actions";

export function DeleteIvrButton({ ivr }: { ivr: { id: string; number: string; name: string } }) {
  return (
    <DeleteSection
      noun="IVR"
      title={`Delete ${ivr.name} (${ivr.number})?`}
      onDelete={() => deleteIvr({ id: ivr.id })}
      listHref="/ivrs"
    >
      Calls to {ivr.number} stop after the next apply, and every saved version goes with it. An IVR that a
      DID, time condition or another IVR still sends calls to cannot be deleted.
    </DeleteSection>
  );
}

/** Saves an old version again as the newest (the server re-checks it against today's data). */
export function RestoreVersionButton({ id, version }: { id: string; version: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end">
      <button
        type="button"
        className="btn-secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await restoreIvrVersion({ id, version });
          setBusy(false);
          if (!result.ok) setError(result.error.message);
          else {
            setError(null);
            router.refresh();
          }
        }}
      >
        Restore version {version}
      </button>
      {error && (
        <span role="alert" className="text-xs text-rose-600 dark:text-rose-400">
          {error}
        </span>
      )}
    </span>
  );
}
