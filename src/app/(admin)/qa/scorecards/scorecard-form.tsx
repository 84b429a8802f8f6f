"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/field";
import { useActionForm } from "@/components/use-action-form";
import type { ScorecardQuestion, ScorecardSection } from "@/lib/db/schema/recordings";
import { createScorecard, updateScorecard } from "./actions";

type Values = {
  id?: string;
  name: string;
  description: string;
  active: boolean;
  sections: ScorecardSection[];
};

const newQuestion = (n: number): ScorecardQuestion => ({
  id: `q${n}`,
  text: "",
  weight: 1,
  type: "yes_no",
  allowNa: false,
  critical: false,
});

/** Sections of weighted questions; ids stay stable so old reviews keep their meaning. */
export function ScorecardForm({ initial, readOnly }: { initial?: Values; readOnly?: boolean }) {
  const [v, setV] = useState<Values>(
    initial ?? {
      name: "",
      description: "",
      active: true,
      sections: [{ title: "", questions: [newQuestion(1)] }],
    },
  );
  const { errors, message, busy, submit } = useActionForm();
  const nextId = () => {
    const used = new Set(v.sections.flatMap((s) => s.questions.map((q) => q.id)));
    let n = used.size + 1;
    while (used.has(`q${n}`)) n += 1;
    return newQuestion(n);
  };
  const setSection = (i: number, s: ScorecardSection) =>
    setV({ ...v, sections: v.sections.map((x, j) => (j === i ? s : x)) });
  const setQuestion = (si: number, qi: number, q: Partial<ScorecardQuestion>) => {
    const s = v.sections[si]!;
    setSection(si, { ...s, questions: s.questions.map((x, j) => (j === qi ? { ...x, ...q } : x)) });
  };
  const err = (key: string) =>
    errors[key] ? (
      <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
        {errors[key]!.join(" ")}
      </p>
    ) : null;

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const { id, ...input } = v;
        await submit(
          () => (id ? updateScorecard({ ...input, id }) : createScorecard(input)),
          () => "/qa/scorecards",
        );
      }}
    >
      <FormError message={message} />
      <fieldset disabled={readOnly || busy} className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block text-sm">
            <span className="label">Name</span>
            <input
              className="input"
              value={v.name}
              aria-invalid={Boolean(errors.name)}
              onChange={(e) => setV({ ...v, name: e.target.value })}
            />
            {err("name")}
          </label>
          <label className="block text-sm">
            <span className="label">Description</span>
            <input
              className="input"
              value={v.description}
              onChange={(e) => setV({ ...v, description: e.target.value })}
            />
            {err("description")}
          </label>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={v.active}
            onChange={(e) => setV({ ...v, active: e.target.checked })}
          />
          Active (offered when reviewing)
        </label>
        {err("sections")}
        {v.sections.map((s, si) => (
          <fieldset
            // biome-ignore lint/suspicious/noArrayIndexKey: sections have no id; every input is controlled, so index keys are safe
            key={si}
            className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
          >
            <legend className="px-1 text-sm font-semibold">Section {si + 1}</legend>
            <div className="flex items-end gap-2">
              <label className="flex-1 text-sm">
                <span className="label">Title</span>
                <input
                  className="input"
                  value={s.title}
                  onChange={(e) => setSection(si, { ...s, title: e.target.value })}
                />
                {err(`sections.${si}.title`)}
              </label>
              <button
                type="button"
                className="btn-secondary"
                aria-label={`Remove section ${si + 1}`}
                onClick={() => setV({ ...v, sections: v.sections.filter((_, j) => j !== si) })}
              >
                <Trash2 className="size-4" aria-hidden />
              </button>
            </div>
            {err(`sections.${si}.questions`)}
            {s.questions.map((q, qi) => (
              <div
                key={q.id}
                className="grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_5rem_8rem_auto] dark:border-slate-800"
              >
                <label className="text-sm">
                  <span className="label">Question</span>
                  <input
                    className="input"
                    value={q.text}
                    onChange={(e) => setQuestion(si, qi, { text: e.target.value })}
                  />
                  {err(`sections.${si}.questions.${qi}.text`)}
                </label>
                <label className="text-sm">
                  <span className="label">Weight</span>
                  <input
                    className="input"
                    type="number"
                    min={1}
                    max={10}
                    value={q.weight}
                    onChange={(e) => setQuestion(si, qi, { weight: Number(e.target.value) })}
                  />
                  {err(`sections.${si}.questions.${qi}.weight`)}
                </label>
                <label className="text-sm">
                  <span className="label">Answer</span>
                  <select
                    className="input"
                    value={q.type}
                    onChange={(e) =>
                      setQuestion(si, qi, { type: e.target.value as ScorecardQuestion["type"] })
                    }
                  >
                    <option value="yes_no">Yes / no</option>
                    <option value="scale">Scale 1–5</option>
                  </select>
                </label>
                <div className="flex items-end gap-3 pb-2 text-sm">
                  <label className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={q.allowNa}
                      onChange={(e) => setQuestion(si, qi, { allowNa: e.target.checked })}
                    />
                    N/A allowed
                  </label>
                  <label className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={q.critical}
                      onChange={(e) => setQuestion(si, qi, { critical: e.target.checked })}
                    />
                    Critical
                  </label>
                  <button
                    type="button"
                    className="text-rose-600"
                    aria-label={`Remove question ${qi + 1} of section ${si + 1}`}
                    onClick={() =>
                      setSection(si, { ...s, questions: s.questions.filter((_, j) => j !== qi) })
                    }
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </button>
                </div>
              </div>
            ))}
            <button
              type="button"
              className="btn-secondary"
              onClick={() => setSection(si, { ...s, questions: [...s.questions, nextId()] })}
            >
              <Plus className="size-4" aria-hidden /> Add question
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="btn-secondary"
          onClick={() => setV({ ...v, sections: [...v.sections, { title: "", questions: [nextId()] }] })}
        >
          <Plus className="size-4" aria-hidden /> Add section
        </button>
      </fieldset>
      {!readOnly && (
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? "Saving…" : "Save scorecard"}
        </button>
      )}
    </form>
  );
}
