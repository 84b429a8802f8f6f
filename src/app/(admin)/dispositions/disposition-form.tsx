"use client";

import { CodeFields } from "@/components/code-fields";
import { FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import type { DispositionCode } from "@/lib/db/schema/agent";
import { intValue } from "@/lib/form-values";
import { DISPOSITION_ORDER } from "@/lib/validations/disposition";
import { createDisposition, updateDisposition } from "./actions";

export function DispositionForm({
  disposition,
}: {
  disposition?: Pick<DispositionCode, "id" | "code" | "label" | "active" | "sortOrder">;
}) {
  const { errors, message, busy, submit } = useActionForm();
  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          code: String(f.get("code") ?? ""),
          label: String(f.get("label") ?? ""),
          active: f.get("active") === "on",
          sortOrder: intValue(f.get("sortOrder")),
        };
        await submit(
          () =>
            disposition ? updateDisposition({ ...input, id: disposition.id }) : createDisposition(input),
          () => (disposition ? `/dispositions/${disposition.id}?saved=1` : "/dispositions"),
        );
      }}
    >
      <FormError message={message} />
      <CodeFields
        values={disposition}
        errors={errors}
        labelHelp="What agents pick, up to 60 characters."
        codeHelp="For reports and exports: 1–32 letters, digits, '-' or '_'."
        order={DISPOSITION_ORDER}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={disposition?.active ?? true} />
        Active (agents can choose it)
      </label>
      <FormActions busy={busy} submitLabel={disposition ? "Save changes" : "Create disposition code"} />
    </form>
  );
}
