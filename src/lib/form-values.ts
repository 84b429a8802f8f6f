/**
 * A number field's text as a number for the action. Empty or non-numeric text becomes null, which
 * the zod schema answers with the field's own "Enter a whole number from … to …" message.
 */
export function intValue(v: FormDataEntryValue | string | null | undefined): number {
  const s = String(v ?? "").trim();
  return (s === "" || Number.isNaN(Number(s)) ? null : Number(s)) as number;
}
