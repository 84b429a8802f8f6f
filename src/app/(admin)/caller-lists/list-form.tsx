"use client";

import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import type { CallerListKind } from "@/lib/db/schema/inbound";
import { CALLER_LIST_KIND_LABELS, CALLER_LIST_KINDS } from "@/lib/validations/inbound";
import { createCallerList, updateCallerList } from "./actions";

export type ExistingCallerList = { id: string; name: string; kind: CallerListKind; description: string };

export function CallerListForm({ list }: { list?: ExistingCallerList }) {
  const { errors, message, busy, submit } = useActionForm();
  return (
    <form
      className="card space-y-4 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          name: String(f.get("name") ?? ""),
          kind: String(f.get("kind") ?? "") as CallerListKind,
          description: String(f.get("description") ?? ""),
        };
        await submit(
          () => (list ? updateCallerList({ ...input, id: list.id }) : createCallerList(input)),
          (data) => (list ? `/caller-lists/${list.id}?saved=1` : `/caller-lists/${data.id}`),
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          errors={errors.name}
          help="Up to 40 letters, digits, spaces, '.', '-' or '_'."
        >
          {(p) => <input {...p} defaultValue={list?.name} className="input" autoComplete="off" />}
        </Field>
        <Field label="Kind" name="kind" errors={errors.kind}>
          {(p) => (
            <select {...p} defaultValue={list?.kind ?? "block"} className="input">
              {CALLER_LIST_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CALLER_LIST_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Description" name="description" errors={errors.description} help="Optional.">
        {(p) => <input {...p} defaultValue={list?.description} className="input" autoComplete="off" />}
      </Field>
      <FormActions busy={busy} submitLabel={list ? "Save changes" : "Create list"} />
    </form>
  );
}
