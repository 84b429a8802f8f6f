"use client";

import { RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { reindexRecordings } from "./actions";

/** Runs the indexer now (it also runs in the listener after every call and each minute). */
export function ReindexButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <span role="status" className="text-sm text-slate-500 dark:text-slate-400">
        {status}
      </span>
      <button
        type="button"
        className="btn-secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const r = await reindexRecordings({});
          setBusy(false);
          setStatus(
            r.ok
              ? `${r.data.scanned} file(s) found, ${r.data.indexed} new or changed, ${r.data.removed} gone.`
              : r.error.message,
          );
          router.refresh();
        }}
      >
        <RefreshCw className="size-4" aria-hidden /> Scan for new recordings
      </button>
    </div>
  );
}
