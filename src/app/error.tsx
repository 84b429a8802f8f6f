"use client";

/** Production builds never pass the server's message or stack here, only an opaque digest. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="card max-w-md p-8 text-center">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-500">
          The problem has been logged{error.digest ? ` (reference ${error.digest})` : ""}. Try again, or come
          back in a minute.
        </p>
        <button type="button" className="btn-primary mt-6" onClick={reset}>
          Try again
        </button>
      </div>
    </div>
  );
}
