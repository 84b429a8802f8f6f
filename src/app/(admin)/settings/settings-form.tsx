"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormError } from "@/components/field";
import type { SettingView } from "@/lib/db/queries/settings";
import type { FieldErrors } from "@/lib/errors";
import { updateSettings } from "./actions";

export function SettingsForm({
  settings,
  groups,
  editable,
}: {
  settings: SettingView[];
  groups: Record<string, string>;
  editable: boolean;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [clear, setClear] = useState<string[]>([]);

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const values: Record<string, string> = {};
        for (const s of settings) if (s.source !== "env") values[s.key] = String(f.get(s.key) ?? "");
        setBusy(true);
        setSaved(false);
        const result = await updateSettings({ values, clear });
        setBusy(false);
        if (!result.ok) {
          setErrors(result.error.fieldErrors ?? {});
          setMessage(result.error.message);
          return;
        }
        setErrors({});
        setMessage(null);
        setClear([]);
        setSaved(true);
        router.refresh();
      }}
    >
      <FormError message={message} />
      {saved && (
        <p
          role="status"
          className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
        >
          Settings saved.
        </p>
      )}
      {Object.entries(groups).map(([group, title]) => (
        <fieldset key={group} className="card p-6" disabled={!editable}>
          <legend className="sr-only">{title}</legend>
          <h2 className="mb-4 font-semibold">{title}</h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {settings
              .filter((s) => s.group === group)
              .map((s) => (
                <Field key={s.key} label={s.label} name={s.key} errors={errors[s.key]} help={helpFor(s)}>
                  {(p) =>
                    s.kind === "select" ? (
                      <select
                        {...p}
                        defaultValue={s.source === "saved" || s.source === "env" ? (s.value ?? "") : ""}
                        disabled={s.source === "env"}
                        className="input"
                      >
                        {/* Empty means "use the default", like an empty text field. */}
                        <option value="">
                          Default ({s.options?.find((o) => o.value === s.defaultValue)?.label ?? "unset"})
                        </option>
                        {s.options?.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    ) : s.kind === "textarea" ? (
                      <textarea
                        {...p}
                        rows={3}
                        defaultValue={s.value ?? ""}
                        disabled={s.source === "env"}
                        placeholder={s.placeholder}
                        className="input font-mono"
                      />
                    ) : s.kind === "secret" ? (
                      <div className="flex items-center gap-2">
                        <input
                          {...p}
                          type="password"
                          autoComplete="new-password"
                          disabled={s.source === "env" || clear.includes(s.key)}
                          placeholder={
                            s.isSet ? `•••••••• saved ${s.hint ?? ""} — type to replace` : "Not set"
                          }
                          className="input"
                        />
                        {s.isSet && s.source === "saved" && (
                          <label className="flex items-center gap-1 text-xs whitespace-nowrap">
                            <input
                              type="checkbox"
                              checked={clear.includes(s.key)}
                              onChange={(e) =>
                                setClear((c) =>
                                  e.target.checked ? [...c, s.key] : c.filter((k) => k !== s.key),
                                )
                              }
                            />
                            Clear
                          </label>
                        )}
                      </div>
                    ) : (
                      <input
                        {...p}
                        type="text"
                        inputMode={s.kind === "number" ? "numeric" : undefined}
                        defaultValue={s.source === "default" ? "" : (s.value ?? "")}
                        disabled={s.source === "env"}
                        placeholder={s.source === "default" ? `${s.value} (default)` : s.placeholder}
                        className="input"
                      />
                    )
                  }
                </Field>
              ))}
          </div>
        </fieldset>
      ))}
      {editable && (
        <div className="flex justify-end">
          <button type="submit" className="btn-primary" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </button>
        </div>
      )}
    </form>
  );
}

function helpFor(s: SettingView): React.ReactNode {
  if (s.source === "env") {
    return (
      <span className="font-medium text-amber-700 dark:text-amber-400">
        Set by the environment variable <code>{s.envVar}</code>
        {s.kind === "secret" ? " (hidden)" : ""}; change it there.
      </span>
    );
  }
  return s.help;
}
