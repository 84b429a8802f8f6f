"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldErrors, Result } from "@/lib/errors";

/**
 * The state every entity form keeps around a server action: busy, field errors beside their
 * fields, and one banner. `submit` runs the action; on success it clears the errors and, when
 * `onSuccess` returns a path, navigates there and refreshes the server components (the pending
 * bar included).
 */
export function useActionForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit<T>(
    run: () => Promise<Result<T>>,
    onSuccess: (data: T) => string | undefined,
  ): Promise<boolean> {
    setBusy(true);
    const result = await run();
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      // Field errors sit by their fields; the banner only points at them.
      setMessage(result.error.fieldErrors ? "Please correct the highlighted fields." : result.error.message);
      return false;
    }
    setErrors({});
    setMessage(null);
    const next = onSuccess(result.data);
    if (next) {
      router.push(next);
      router.refresh();
    }
    return true;
  }

  return { errors, message, busy, submit, setErrors, setMessage };
}
