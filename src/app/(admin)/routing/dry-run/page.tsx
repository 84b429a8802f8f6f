import { PageHeader } from "@/components/page-header";
import { loadConfigState } from "@/lib/asterisk/compiler/load-state";
import { requirePermission } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { describeStep, utcToZonedTime, zonedTimeToUtc } from "@/lib/routing/dry-run/describe";
import { dryRun } from "@/lib/routing/dry-run/dry-run";

export const metadata = { title: "Call-flow dry run" };

/**
 * "Caller X dials DID Y at time T": the route the call would take, step by step. It runs on the
 * same ConfigState the compiler renders (load-state.ts), so it cannot disagree with the dialplan.
 * A GET form: a dry run writes nothing, and its URL can be shared.
 */
export default async function DryRunPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePermission("inbound.read");
  const sp = await searchParams;
  const state = await loadConfigState(db);
  const did = (sp.did ?? "").slice(0, 40);
  const caller = (sp.caller ?? "").slice(0, 40);
  const digitsText = (sp.digits ?? "").slice(0, 100);
  const local = sp.at ?? utcToZonedTime(new Date(), state.timezone);
  const at = zonedTimeToUtc(local, state.timezone);
  const submitted = sp.did !== undefined;
  const errors: Record<string, string> = {};
  if (submitted) {
    if (!/^\+?[0-9]{2,20}$/.test(did))
      errors.did = "Enter the inbound number: an optional '+' and 2–20 digits.";
    if (!/^[0-9*#+]{0,32}$/.test(caller))
      errors.caller = "Use digits, '*', '#' and '+' (empty for no caller ID).";
    if (!at) errors.at = "Enter a date and time.";
    if (!/^[0-9*#\s,]*$/.test(digitsText))
      errors.digits = "Use digits, '*' and '#', separated by spaces or commas.";
  }
  const digits = digitsText.split(/[\s,]+/).filter(Boolean);
  const result =
    submitted && Object.keys(errors).length === 0 && at
      ? dryRun(state, { did, callerId: caller, at, digits })
      : null;
  const field = (name: string) => ({
    "aria-invalid": Boolean(errors[name]),
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });

  return (
    <>
      <PageHeader
        title="Call-flow dry run"
        description="Where a call would go, step by step, from the configuration as it is saved now (pending changes included)."
      />
      <form
        method="get"
        className="card mb-6 grid gap-4 p-6 sm:grid-cols-2 lg:grid-cols-4"
        aria-label="Dry run a call"
      >
        <div>
          <label htmlFor="did" className="label">
            Inbound number dialled
          </label>
          <input
            id="did"
            name="did"
            list="did-options"
            defaultValue={did}
            className="input font-mono"
            autoComplete="off"
            {...field("did")}
          />
          <datalist id="did-options">
            {state.dids.map((d) => (
              <option key={d.id} value={d.number}>
                {d.description}
              </option>
            ))}
          </datalist>
          {errors.did && (
            <p id="did-error" role="alert" className="mt-1 text-sm text-rose-600">
              {errors.did}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="caller" className="label">
            Caller's number
          </label>
          <input
            id="caller"
            name="caller"
            defaultValue={caller}
            className="input font-mono"
            autoComplete="off"
            {...field("caller")}
          />
          {errors.caller && (
            <p id="caller-error" role="alert" className="mt-1 text-sm text-rose-600">
              {errors.caller}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="at" className="label">
            Date and time ({state.timezone})
          </label>
          <input
            id="at"
            name="at"
            type="datetime-local"
            defaultValue={local}
            className="input"
            {...field("at")}
          />
          {errors.at && (
            <p id="at-error" role="alert" className="mt-1 text-sm text-rose-600">
              {errors.at}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="digits" className="label">
            IVR digits pressed (optional)
          </label>
          <input
            id="digits"
            name="digits"
            defaultValue={digitsText}
            placeholder="1 3"
            className="input font-mono"
            autoComplete="off"
            {...field("digits")}
          />
          {errors.digits && (
            <p id="digits-error" role="alert" className="mt-1 text-sm text-rose-600">
              {errors.digits}
            </p>
          )}
        </div>
        <div className="sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn-primary">
            Run
          </button>
        </div>
      </form>
      {result && (
        <section className="card p-6" aria-labelledby="path-heading">
          <h2 id="path-heading" className="mb-3 font-semibold">
            The call's path
          </h2>
          {result.end.kind === "unknown-did" ? (
            <p role="status">No inbound number {did} exists: the call would find no route and be rejected.</p>
          ) : (
            <ol className="list-decimal space-y-2 pl-6" data-testid="dry-run-steps">
              {result.steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps repeat and have no identity beyond their place
                <li key={i}>
                  {describeStep(s, state)}{" "}
                  <span className="font-mono text-xs text-slate-500">
                    [{s.step} {s.target} {s.detail}]
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p role="status" className="mt-4 text-sm font-medium">
            {result.end.kind === "refused"
              ? "Result: the caller is refused."
              : result.end.kind === "loop"
                ? "Result: the route loops; it was stopped after too many steps."
                : result.end.kind === "destination"
                  ? "Result: the call ends there."
                  : ""}
          </p>
        </section>
      )}
    </>
  );
}
