"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { useActionForm } from "@/components/use-action-form";
import { CLASS_LABELS, CLASSES_OF_SERVICE } from "@/lib/validations/trunk-options";
import { type RouteTestResult, testRoute } from "./actions";

/** "Does 0044… match?": which route, which trunks in order, and what each would dial. */
export function RouteTester() {
  const { errors, message, busy, submit } = useActionForm();
  const [result, setResult] = useState<RouteTestResult | null>(null);
  return (
    <section aria-labelledby="tester-heading" className="card space-y-4 p-6">
      <h2 id="tester-heading" className="font-semibold">
        Pattern tester
      </h2>
      <form
        className="grid gap-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setResult(null);
          await submit(
            () =>
              testRoute({
                number: String(f.get("number") ?? ""),
                classOfService: String(f.get("classOfService") ?? "") as (typeof CLASSES_OF_SERVICE)[number],
                extension: String(f.get("extension") ?? ""),
              }),
            (data) => {
              setResult(data);
              return undefined;
            },
          );
        }}
      >
        <Field label="Number dialled" name="number" errors={errors.number}>
          {(p) => <input {...p} className="input font-mono" inputMode="tel" autoComplete="off" />}
        </Field>
        <Field label="Caller's class" name="classOfService" errors={errors.classOfService}>
          {(p) => (
            <select {...p} defaultValue="national" className="input">
              {CLASSES_OF_SERVICE.map((c) => (
                <option key={c} value={c}>
                  {CLASS_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Or from extension"
          name="extension"
          errors={errors.extension}
          help="Uses its class and caller ID."
        >
          {(p) => <input {...p} className="input font-mono" inputMode="numeric" autoComplete="off" />}
        </Field>
        <button type="submit" className="btn-primary" disabled={busy}>
          {busy ? "Testing…" : "Test"}
        </button>
      </form>
      <FormError message={message} />
      {result && <TestResult result={result} />}
    </section>
  );
}

function TestResult({ result }: { result: RouteTestResult }) {
  if (result.kind === "internal")
    return (
      <p role="status" data-testid="tester-result">
        {result.number} is an internal number: it rings inside the PBX, no route is used.
      </p>
    );
  const refused = result.notAllowed.length > 0 && (
    <p className="text-sm text-amber-700 dark:text-amber-300">
      Matched but not allowed for this class:{" "}
      {result.notAllowed.map((r) => `${r.name} (${r.pattern})`).join(", ")}.
    </p>
  );
  if (result.kind === "none")
    return (
      <div role="status" data-testid="tester-result" className="space-y-1">
        <p>No route takes this number: the caller hears that it cannot be reached.</p>
        {refused}
      </div>
    );
  return (
    <div role="status" data-testid="tester-result" className="space-y-2">
      <p>
        Route <strong>{result.route.name}</strong> matches with pattern{" "}
        <code className="font-mono">{result.pattern}</code>; the carrier receives{" "}
        <code className="font-mono">{result.dialled}</code>.
      </p>
      {result.attempts.length === 0 ? (
        <p className="text-rose-700 dark:text-rose-300">
          The route has no trunk that can carry outbound calls.
        </p>
      ) : (
        <ol className="list-decimal pl-5 text-sm">
          {result.attempts.map((a, i) => (
            <li key={a.trunk}>
              {i === 0 ? "First" : "Then, if unavailable or congested,"} trunk{" "}
              <code className="font-mono">{a.trunk}</code>: <code className="font-mono">{a.dialString}</code>,
              caller ID <code className="font-mono">{a.callerId}</code>
            </li>
          ))}
        </ol>
      )}
      {refused}
    </div>
  );
}
