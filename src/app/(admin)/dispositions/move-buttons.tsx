"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { moveDisposition } from "./actions";

/** Up/down in the order agents see the codes. */
export function MoveButtons({
  id,
  label,
  first,
  last,
}: {
  id: string;
  label: string;
  first: boolean;
  last: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const move = async (direction: "up" | "down") => {
    setBusy(true);
    const result = await moveDisposition({ id, direction });
    setBusy(false);
    if (result.ok) {
      setError(null);
      router.refresh();
    } else setError(result.error.message);
  };
  return (
    <span className="inline-flex items-center gap-1">
      <button
        type="button"
        className="btn-secondary px-1.5 py-0.5"
        disabled={busy || first}
        aria-label={`Move ${label} up`}
        onClick={() => move("up")}
      >
        <ArrowUp className="size-3.5" aria-hidden />
      </button>
      <button
        type="button"
        className="btn-secondary px-1.5 py-0.5"
        disabled={busy || last}
        aria-label={`Move ${label} down`}
        onClick={() => move("down")}
      >
        <ArrowDown className="size-3.5" aria-hidden />
      </button>
      {error && (
        <span role="alert" className="text-xs text-rose-600 dark:text-rose-400">
          {error}
        </span>
      )}
    </span>
  );
}
