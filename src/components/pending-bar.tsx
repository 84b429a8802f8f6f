import { GitCommitVertical } from "lucide-react";
import Link from "next/link";

/** "N pending changes" on every page for people who can apply them. */
export function PendingBar({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <div
      className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 sm:px-6 lg:px-8 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
      role="status"
    >
      <div className="flex items-center justify-between gap-3">
        <span className="flex items-center gap-2">
          <GitCommitVertical className="size-4" aria-hidden />
          <strong data-testid="pending-count">{count}</strong> pending change{count === 1 ? "" : "s"} not yet
          live in Asterisk
        </span>
        <Link
          href="/config"
          className="rounded-md bg-amber-600 px-3 py-1 font-medium text-white hover:bg-amber-500"
        >
          Review &amp; apply
        </Link>
      </div>
    </div>
  );
}
