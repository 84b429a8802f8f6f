"use client";

import type { QaAnswer, ScorecardSection } from "@/lib/db/schema/recordings";

/** The scorecard as radio groups: yes/no (or 1–5), plus N/A where the question allows it. */
export function ScorecardAnswers({
  sections,
  answers,
  errors,
  onChange,
}: {
  sections: ScorecardSection[];
  answers: Record<string, QaAnswer>;
  errors: Record<string, string[]>;
  onChange: (id: string, answer: QaAnswer) => void;
}) {
  return (
    <div className="space-y-6">
      {sections.map((section) => (
        <fieldset key={section.title} className="space-y-4">
          <legend className="text-base font-semibold">{section.title}</legend>
          {section.questions.map((q) => {
            const options: { value: QaAnswer; label: string }[] =
              q.type === "yes_no"
                ? [
                    { value: "yes", label: "Yes" },
                    { value: "no", label: "No" },
                  ]
                : [1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }));
            if (q.allowNa) options.push({ value: "na", label: "N/A" });
            const err = errors[`answers.${q.id}`];
            return (
              <div key={q.id} role="radiogroup" aria-labelledby={`q-${q.id}`} aria-invalid={Boolean(err)}>
                <p id={`q-${q.id}`} className="text-sm font-medium">
                  {q.text}
                  <span className="ml-2 text-xs font-normal text-slate-500">
                    weight {q.weight}
                    {q.critical && (
                      <strong className="ml-2 text-rose-600 dark:text-rose-400">critical</strong>
                    )}
                  </span>
                </p>
                <div className="mt-1 flex flex-wrap gap-3">
                  {options.map((o) => (
                    <label key={String(o.value)} className="flex items-center gap-1.5 text-sm">
                      <input
                        type="radio"
                        name={`answer-${q.id}`}
                        checked={answers[q.id] === o.value}
                        onChange={() => onChange(q.id, o.value)}
                      />
                      {o.label}
                    </label>
                  ))}
                </div>
                {err && (
                  <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
                    {err.join(" ")}
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
