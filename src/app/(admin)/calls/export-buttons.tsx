"use client";

import { Download } from "lucide-react";
import { useRef, useState } from "react";

type Progress = { format: string; bytes: number; total: number; capped: boolean } | null;

/**
 * Downloads the current search as CSV or xlsx. The response streams; the server sends the
 * (capped) row count up front, and for CSV the rows read so far give a percentage.
 */
export function ExportButtons({ query }: { query: string }) {
  const [progress, setProgress] = useState<Progress>(null);
  const [rows, setRows] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function run(format: "csv" | "xlsx") {
    setError(null);
    setRows(0);
    abort.current = new AbortController();
    try {
      const res = await fetch(`/api/calls/export?${query}${query ? "&" : ""}format=${format}`, {
        signal: abort.current.signal,
      });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => null);
        throw new Error(body?.error?.message ?? "The export failed.");
      }
      const total = Number(res.headers.get("X-Total-Count") ?? 0);
      const capped = res.headers.get("X-Total-Capped") === "1";
      setProgress({ format, bytes: 0, total, capped });
      const reader = res.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.length;
        if (format === "csv") for (const b of value) if (b === 10) lines++;
        setRows(Math.max(0, lines - 1));
        setProgress({ format, bytes, total, capped });
      }
      const name =
        /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") ?? "")?.[1] ?? `calls.${format}`;
      const url = URL.createObjectURL(
        new Blob(parts, { type: res.headers.get("Content-Type") ?? undefined }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError((e as Error).message);
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  const percent =
    progress && progress.total > 0 && progress.format === "csv"
      ? Math.min(100, (rows / progress.total) * 100)
      : null;
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <button
          type="button"
          className="btn-secondary"
          onClick={() => run("csv")}
          disabled={Boolean(progress)}
        >
          <Download className="size-4" aria-hidden /> Export CSV
        </button>
        <button
          type="button"
          className="btn-secondary"
          onClick={() => run("xlsx")}
          disabled={Boolean(progress)}
        >
          <Download className="size-4" aria-hidden /> Export .xlsx
        </button>
        {progress && (
          <button type="button" className="btn-secondary" onClick={() => abort.current?.abort()}>
            Cancel
          </button>
        )}
      </div>
      <div aria-live="polite" className="text-xs text-slate-500">
        {progress && (
          <span data-testid="export-progress">
            {percent !== null ? (
              <progress
                max={100}
                value={percent}
                className="mr-2 align-middle"
                aria-label="Export progress"
              />
            ) : null}
            {progress.format === "csv"
              ? `${rows.toLocaleString("en-US")} of ${progress.capped ? "about " : ""}${progress.total.toLocaleString("en-US")} calls`
              : `${(progress.bytes / 1024).toFixed(0)} KB of ${progress.capped ? "about " : ""}${progress.total.toLocaleString("en-US")} calls`}
          </span>
        )}
        {error && (
          <span role="alert" className="text-red-600">
            {error}
          </span>
        )}
      </div>
    </div>
  );
}
