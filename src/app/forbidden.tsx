import { ShieldX } from "lucide-react";
import Link from "next/link";

export const metadata = { title: "Access denied" };

/** Rendered with HTTP 403 whenever a page calls forbidden(). */
export default function Forbidden() {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="card max-w-md p-8 text-center">
        <ShieldX className="mx-auto size-12 text-rose-500" aria-hidden />
        <p className="mt-3 text-sm font-semibold tracking-wide text-rose-600 uppercase">Error 403</p>
        <h1 className="mt-1 text-2xl font-semibold">You don't have access to this page</h1>
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
          Your role does not include the permission this page needs. If you think it should, ask an admin.
        </p>
        <Link href="/" className="btn-primary mt-6">
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}
