import Link from "next/link";
import { DIRECTIONS, DISPOSITIONS, PRESET_LABELS, PRESETS } from "@/lib/validations/calls";

/**
 * The filter bar: a plain GET form (works without JavaScript, keyboard-first) whose fields are
 * the URL's search params. Presets are links that replace the date range.
 */
export function CallFiltersForm({
  values,
  errors,
  dispositionCodes = [],
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The agents' disposition codes (inactive ones too: old calls carry them). */
  dispositionCodes?: { code: string; label: string }[];
}) {
  const presetHref = (preset: string) => {
    const { from: _f, to: _t, cursor: _c, preset: _p, ...rest } = values;
    return `/calls?${new URLSearchParams({ ...rest, preset }).toString()}`;
  };
  return (
    <form className="card mb-4 p-4" aria-label="Filter calls" noValidate>
      <nav className="mb-3 flex flex-wrap items-center gap-2" aria-label="Date presets">
        {PRESETS.map((p) => (
          <Link
            key={p}
            href={presetHref(p)}
            className={values.preset === p ? "btn-primary" : "btn-secondary"}
            aria-current={values.preset === p ? "true" : undefined}
          >
            {PRESET_LABELS[p]}
          </Link>
        ))}
      </nav>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field name="from" label="From (UTC day)" type="date" values={values} errors={errors} />
        <Field name="to" label="To (UTC day)" type="date" values={values} errors={errors} />
        <Field
          name="q"
          label="Number contains"
          values={values}
          errors={errors}
          placeholder="caller, dialled or name"
        />
        <Field name="ext" label="Extension" values={values} errors={errors} inputMode="numeric" />
        <Field name="queue" label="Queue" values={values} errors={errors} placeholder="queue name" />
        <Field
          name="agent"
          label="Agent interface"
          values={values}
          errors={errors}
          placeholder="PJSIP/1001"
        />
        <Select name="direction" label="Direction" options={DIRECTIONS} values={values} errors={errors} />
        <Select
          name="disposition"
          label="Disposition"
          options={DISPOSITIONS}
          values={values}
          errors={errors}
        />
        <Select
          name="recorded"
          label="Recording"
          options={["yes", "no"]}
          labels={{ yes: "Recorded", no: "Not recorded" }}
          values={values}
          errors={errors}
        />
        <Select
          name="code"
          label="Disposition code"
          options={dispositionCodes.map((c) => c.code)}
          labels={Object.fromEntries(dispositionCodes.map((c) => [c.code, c.label]))}
          values={values}
          errors={errors}
        />
        <Field
          name="minDuration"
          label="Min duration (s)"
          values={values}
          errors={errors}
          inputMode="numeric"
        />
        <Field
          name="maxDuration"
          label="Max duration (s)"
          values={values}
          errors={errors}
          inputMode="numeric"
        />
        <Select
          name="sort"
          label="Sort by"
          options={["calldate", "duration", "billsec"]}
          labels={{ calldate: "Date", duration: "Duration", billsec: "Billed time" }}
          values={values}
          errors={errors}
          blank={false}
        />
        <Select
          name="dir"
          label="Order"
          options={["desc", "asc"]}
          labels={{ desc: "Descending", asc: "Ascending" }}
          values={values}
          errors={errors}
          blank={false}
        />
      </div>
      {values.preset && <input type="hidden" name="preset" value={values.preset} />}
      <div className="mt-3 flex gap-2">
        <button type="submit" className="btn-primary">
          Search
        </button>
        <Link href="/calls" className="btn-secondary">
          Clear
        </Link>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        A preset wins over From/To; clear it to use your own dates.
      </p>
    </form>
  );
}

function Field({
  name,
  label,
  values,
  errors,
  type = "text",
  placeholder,
  inputMode,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  type?: string;
  placeholder?: string;
  inputMode?: "numeric";
}) {
  const id = `calls-${name}`;
  const error = errors[name];
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={values[name] ?? ""}
        placeholder={placeholder}
        inputMode={inputMode}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

function Select({
  name,
  label,
  options,
  labels,
  values,
  errors,
  blank = true,
}: {
  name: string;
  label: string;
  options: readonly string[];
  labels?: Record<string, string>;
  values: Record<string, string>;
  errors: Record<string, string>;
  blank?: boolean;
}) {
  const id = `calls-${name}`;
  const error = errors[name];
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={values[name] ?? ""}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {blank && <option value="">Any</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {labels?.[o] ?? o.charAt(0) + o.slice(1).toLowerCase()}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
