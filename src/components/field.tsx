import { useId } from "react";

type FieldProps = {
  label: string;
  name: string;
  errors?: string[];
  help?: React.ReactNode;
  children: (props: {
    id: string;
    name: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => React.ReactNode;
};

/** Label, control, help and field-level errors, wired together for screen readers. */
export function Field({ label, name, errors, help, children }: FieldProps) {
  const id = useId();
  const describedBy = [errors?.length ? `${id}-error` : null, help ? `${id}-help` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      {children({
        id,
        name,
        "aria-invalid": Boolean(errors?.length),
        "aria-describedby": describedBy || undefined,
      })}
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {help}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-300"
    >
      {message}
    </div>
  );
}
