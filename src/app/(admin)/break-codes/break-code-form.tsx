"use client";

import { CodeFields } from "@/components/code-fields";
import { FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import type { BreakCode } from "@/lib/db/schema/panel";
import { intValue } from "@/lib/form-values";
import { BREAK_CODE_ORDER } from "@/lib/validations/break-code";
import { createBreakCode, updateBreakCode } from "./actions";

export function BreakCodeForm({
  breakCode,
}: {
  breakCode?: Pick<BreakCode, "id" | "code" | "label" | "paid" | "active" | "sortOrder">;
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
          paid: f.get("paid") === "on",
          active: f.get("active") === "on",
          sortOrder: intValue(f.get("sortOrder")),
        };
        await submit(
          () => (breakCode ? updateBreakCode({ ...input, id: breakCode.id }) : createBreakCode(input)),
          () => (breakCode ? `/break-codes/${breakCode.id}?saved=1` : "/break-codes"),
        );
      }}
    >
      <FormError message={message} />
      <CodeFields
        values={breakCode}
        errors={errors}
        labelHelp="What agents and reports show, up to 60 characters."
        codeHelp="Sent to Asterisk with the pause: 1–32 letters, digits, '-' or '_'."
        order={BREAK_CODE_ORDER}
      />
      <fieldset className="space-y-2">
        <legend className="label">Options</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="paid" defaultChecked={breakCode?.paid ?? true} />
          Paid break (counts as working time)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="active" defaultChecked={breakCode?.active ?? true} />
          Active (agents can choose it)
        </label>
      </fieldset>
      <FormActions busy={busy} submitLabel={breakCode ? "Save changes" : "Create break code"} />
    </form>
  );
}
