import { AppError, type FieldErrors } from "@/lib/errors";

/**
 * Runs server-side checks one after another and reports every field error together, so a form
 * shows all its problems at once rather than one per save. A check that fails without field
 * errors (or with anything but an AppError) is thrown as it is.
 */
export async function checkAll(checks: (() => Promise<unknown>)[]): Promise<void> {
  const fieldErrors: FieldErrors = {};
  const failed: AppError[] = [];
  for (const check of checks) {
    try {
      await check();
    } catch (error) {
      if (!(error instanceof AppError) || !error.fieldErrors) throw error;
      failed.push(error);
      for (const [key, messages] of Object.entries(error.fieldErrors))
        fieldErrors[key] = [...(fieldErrors[key] ?? []), ...messages];
    }
  }
  if (failed.length === 1) throw failed[0];
  if (failed.length > 1)
    throw new AppError("bad_request:input", "Please correct the highlighted fields.", { fieldErrors });
}
