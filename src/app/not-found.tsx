import Link from "next/link";

export default function NotFound() {
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="card max-w-md p-8 text-center">
        <p className="text-sm font-semibold tracking-wide text-indigo-600 uppercase">Error 404</p>
        <h1 className="mt-1 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-slate-500">It may have been moved or deleted.</p>
        <Link href="/" className="btn-primary mt-6">
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}
