"use client";

import { ArrowDown, ArrowUp } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { moveRoute } from "./actions";

export function RouteOrderButtons({
  id,
  name,
  first,
  last,
}: {
  id: string;
  name: string;
  first: boolean;
  last: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const move = async (direction: "up" | "down") => {
    const r = await moveRoute({ id, direction });
    if (!r.ok) setError(r.error.message);
    else router.refresh();
  };
  return (
    <span className="inline-flex items-center gap-1">
      <button
        type="button"
        className="btn-secondary px-2"
        disabled={first}
        aria-label={`Move ${name} up`}
        onClick={() => move("up")}
      >
        <ArrowUp className="size-4" aria-hidden />
      </button>
      <button
        type="button"
        className="btn-secondary px-2"
        disabled={last}
        aria-label={`Move ${name} down`}
        onClick={() => move("down")}
      >
        <ArrowDown className="size-4" aria-hidden />
      </button>
      {error && (
        <span role="alert" className="text-xs text-rose-600">
          {error}
        </span>
      )}
    </span>
  );
}
