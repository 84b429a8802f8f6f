"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { submitReview } from "@/app/(admin)/qa/review/actions";
import { FormError } from "@/components/field";
import type { QaAnswer, QaComment, ScorecardSection } from "@/lib/db/schema/recordings";
import { scoreReview } from "@/lib/qa/scoring";
import { formatDuration } from "@/lib/recordings/format";
import { ScorecardAnswers } from "./scorecard-answers";
import { type PlayerHandle, WaveformPlayer } from "./waveform-player";

type Card = { id: string; name: string; sections: ScorecardSection[] };

/** The review page's client side: player, timestamped comments, the scorecard and submit. */
export function ReviewWorkspace({ recordingId, scorecards }: { recordingId: string; scorecards: Card[] }) {
  const router = useRouter();
  const player = useRef<PlayerHandle>(null);
  const commentBox = useRef<HTMLInputElement>(null);
  const [cardId, setCardId] = useState(scorecards[0]?.id ?? "");
  const [answers, setAnswers] = useState<Record<string, QaAnswer>>({});
  const [comments, setComments] = useState<QaComment[]>([]);
  const [draftAt, setDraftAt] = useState<number | null>(null);
  const [draft, setDraft] = useState("");
  const [summary, setSummary] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const card = scorecards.find((c) => c.id === cardId);
  const preview = useMemo(() => (card ? scoreReview(card.sections, answers) : null), [card, answers]);

  const openComment = (ms: number) => {
    setDraftAt(ms);
    requestAnimationFrame(() => commentBox.current?.focus());
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t?.closest("input, textarea, select, [contenteditable=true]") || e.altKey || e.ctrlKey || e.metaKey)
        return;
      const p = player.current;
      if (!p || (e.key === " " && t?.closest("button, a"))) return;
      const run = shortcut(e.key, p, (ms) => {
        setDraftAt(ms);
        requestAnimationFrame(() => commentBox.current?.focus());
      });
      if (!run) return;
      e.preventDefault();
      run();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const addComment = () => {
    if (draftAt === null) return;
    const text = draft.trim();
    if (!text) return setErrors((e) => ({ ...e, comment: ["Enter the comment."] }));
    setComments((cs) => [...cs, { atMs: draftAt, text }].sort((a, b) => a.atMs - b.atMs));
    setDraft("");
    setDraftAt(null);
    setErrors(({ comment: _drop, ...rest }) => rest);
  };

  const submit = async () => {
    setBusy(true);
    const r = await submitReview({ recordingId, scorecardId: cardId, answers, comments, summary });
    setBusy(false);
    if (!r.ok) {
      setErrors(r.error.fieldErrors ?? {});
      setMessage(r.error.message);
      return;
    }
    router.refresh();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <div className="space-y-4">
        <WaveformPlayer
          ref={player}
          src={`/api/recordings/${recordingId}`}
          peaksUrl={`/api/recordings/${recordingId}/peaks`}
          markers={comments.map((c) => ({ atMs: c.atMs, label: c.text }))}
          onWaveformClick={openComment}
        />
        <section className="card space-y-3 p-4" aria-labelledby="comments-heading">
          <h2 id="comments-heading" className="font-semibold">
            Comments
          </h2>
          {draftAt !== null && (
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                addComment();
              }}
            >
              <label className="flex-1 text-sm">
                <span className="label">Comment at {formatDuration(draftAt)}</span>
                <input
                  ref={commentBox}
                  className="input"
                  value={draft}
                  maxLength={500}
                  aria-invalid={Boolean(errors.comment)}
                  onChange={(e) => setDraft(e.target.value)}
                  onKeyDown={(e) => e.key === "Escape" && setDraftAt(null)}
                />
              </label>
              <button type="submit" className="btn-secondary">
                Add comment
              </button>
              <button type="button" className="btn-secondary" onClick={() => setDraftAt(null)}>
                Cancel
              </button>
              {errors.comment && (
                <p role="alert" className="w-full text-sm text-rose-600">
                  {errors.comment.join(" ")}
                </p>
              )}
            </form>
          )}
          {comments.length === 0 ? (
            <p className="text-sm text-slate-500">
              Click the waveform, or press C while listening, to comment.
            </p>
          ) : (
            <ol className="space-y-1 text-sm" aria-label="Comments by time">
              {comments.map((c, i) => (
                <li key={`${c.atMs}-${c.text}`} className="flex items-start gap-2">
                  <button
                    type="button"
                    className="font-mono text-indigo-700 hover:underline dark:text-indigo-300"
                    onClick={() => player.current?.seekTo(c.atMs)}
                  >
                    {formatDuration(c.atMs)}
                  </button>
                  <span className="flex-1 break-words">{c.text}</span>
                  <button
                    type="button"
                    className="text-xs text-rose-600 hover:underline"
                    onClick={() => setComments((cs) => cs.filter((_, j) => j !== i))}
                    aria-label={`Remove comment at ${formatDuration(c.atMs)}`}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <form
        className="card space-y-5 p-4"
        noValidate
        aria-label="Scorecard"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <FormError message={message} />
        <label className="block text-sm">
          <span className="label">Scorecard</span>
          <select
            className="input"
            value={cardId}
            onChange={(e) => {
              setCardId(e.target.value);
              setAnswers({});
            }}
          >
            {scorecards.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {card && (
          <ScorecardAnswers
            sections={card.sections}
            answers={answers}
            errors={errors}
            onChange={(id, a) => setAnswers((prev) => ({ ...prev, [id]: a }))}
          />
        )}
        <label className="block text-sm">
          <span className="label">Summary for the agent</span>
          <textarea
            className="input min-h-24"
            value={summary}
            maxLength={4000}
            onChange={(e) => setSummary(e.target.value)}
          />
        </label>
        <p className="text-sm" aria-live="polite" data-testid="score-preview">
          {preview?.criticalFailed
            ? "Score: 0% (a critical question failed)"
            : preview?.score != null
              ? `Score so far: ${preview.score}%`
              : "Answer the questions to see the score."}
        </p>
        <button type="submit" className="btn-primary w-full" disabled={busy || !card}>
          {busy ? "Submitting…" : "Submit review"}
        </button>
      </form>
    </div>
  );
}

/** Space play/pause, ←/→ seek 5 s, [ ] speed, C comment at the current time. */
function shortcut(key: string, p: PlayerHandle, comment: (ms: number) => void): (() => void) | null {
  switch (key) {
    case " ":
      return () => p.toggle();
    case "ArrowLeft":
      return () => p.seekBy(-5);
    case "ArrowRight":
      return () => p.seekBy(5);
    case "[":
      return () => p.stepSpeed(-1);
    case "]":
      return () => p.stepSpeed(1);
    case "c":
    case "C":
      return () => comment(p.currentMs());
    default:
      return null;
  }
}
