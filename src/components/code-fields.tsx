import { Field } from "@/components/field";

/**
 * The label, code and order fields of the admin-managed code lists (disposition codes, break
 * codes): what people pick, the stable code reports (and Asterisk) see, and the list's order.
 */
export function CodeFields({
  values,
  errors,
  labelHelp,
  codeHelp,
  order,
}: {
  values?: { label: string; code: string; sortOrder: number };
  errors: Record<string, string[] | undefined>;
  labelHelp: string;
  codeHelp: string;
  order: { min: number; max: number };
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field label="Label" name="label" errors={errors.label} help={labelHelp}>
        {(p) => <input {...p} defaultValue={values?.label} className="input" autoComplete="off" />}
      </Field>
      <Field label="Code" name="code" errors={errors.code} help={codeHelp}>
        {(p) => <input {...p} defaultValue={values?.code} className="input font-mono" autoComplete="off" />}
      </Field>
      <Field
        label="Order"
        name="sortOrder"
        errors={errors.sortOrder}
        help={`Lower first, ${order.min}–${order.max}.`}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            min={order.min}
            max={order.max}
            defaultValue={values?.sortOrder ?? 0}
            className="input"
          />
        )}
      </Field>
    </div>
  );
}
