"use client";

import { CheckCircle2, CircleAlert, Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ApplyStreamLine } from "@/app/api/config/apply/route";
import { ConfirmDialog } from "@/components/confirm-dialog";
import type { ApplyProgress, ApplyResult } from "@/lib/asterisk/publish/apply";

/** Starts an apply (or a rollback) and shows each step live as the server streams it. */
export function ApplyPanel({
  label,
  rollbackTo,
  disabled,
  confirm,
}: {
  label: string;
  rollbackTo?: number;
  disabled?: boolean;
  confirm?: string;
}) {
  const router = useRouter();
  const [steps, setSteps] = useState<ApplyProgress[]>([]);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [asking, setAsking] = useState(false);

  async function run() {
    setAsking(false);
    setRunning(true);
    setSteps([]);
    setResult(null);
    setError(null);
    try {
      const res = await fetch("/api/config/apply", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(rollbackTo ? { rollbackTo } : {}),
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const raw of lines) {
          if (!raw.trim()) continue;
          const line = JSON.parse(raw) as ApplyStreamLine;
          if (line.type === "progress") setSteps((s) => [...s, line.progress]);
          else if (line.type === "result") setResult(line.result);
          else setError(line.message);
        }
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
      router.refresh();
    }
  }

  return (
    <div className="space-y-3">
      <button
        type="button"
        className="btn-primary"
        disabled={disabled || running}
        onClick={() => (confirm ? setAsking(true) : run())}
      >
        {running && <Loader2 className="size-4 animate-spin" aria-hidden />}
        {running ? "Applying…" : label}
      </button>
      {confirm && (
        <ConfirmDialog
          open={asking}
          title={label}
          message={confirm}
          confirmLabel={label}
          onCancel={() => setAsking(false)}
          onConfirm={run}
        />
      )}
      {steps.length > 0 && (
        <ol className="space-y-1 text-sm" aria-label="Apply progress" aria-live="polite">
          {steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps only ever append
            <li key={i} className="flex items-start gap-2">
              {s.status === "error" ? (
                <CircleAlert className="mt-0.5 size-4 shrink-0 text-rose-500" aria-hidden />
              ) : s.status === "done" ? (
                <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-teal-500" aria-hidden />
              ) : (
                <Loader2
                  className={`mt-0.5 size-4 shrink-0 text-indigo-500 ${running ? "animate-spin" : ""}`}
                  aria-hidden
                />
              )}
              <span>
                <span className="font-mono text-xs text-slate-500">{s.step}</span> {s.message}
              </span>
            </li>
          ))}
        </ol>
      )}
      {result && (
        <div
          role="status"
          className={`rounded-md px-3 py-2 text-sm ${result.status === "failed" ? "bg-rose-50 text-rose-800 dark:bg-rose-950 dark:text-rose-200" : "bg-teal-50 text-teal-800 dark:bg-teal-950 dark:text-teal-200"}`}
        >
          {result.status === "applied" &&
            `Applied in ${result.durationMs} ms: ${result.changedFiles.join(", ")} written; ${result.reloaded.join(", ")} reloaded.`}
          {result.status === "noop" && "Nothing to apply: Asterisk already runs this configuration."}
          {result.status === "failed" && (
            <>
              Not applied, and the previous configuration is back in place. {result.error}
              {result.errorSource && (
                <span className="block font-mono text-xs">Source: {result.errorSource}</span>
              )}
            </>
          )}
          {result.revisionId && (
            <Link className="ml-1 underline" href={`/config/revisions/${result.revisionId}`}>
              Revision #{result.revisionId}
            </Link>
          )}
        </div>
      )}
      {error && (
        <p
          role="alert"
          className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200"
        >
          {error}
        </p>
      )}
    </div>
  );
}
