"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Field, FormError } from "@/components/field";
import type { FieldErrors } from "@/lib/errors";
import { resetUserPassword, setUserDisabled } from "../actions";

export function UserAccountActions({
  user,
  isSelf,
}: {
  user: { id: string; name: string; disabled: boolean };
  isSelf: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pwErrors, setPwErrors] = useState<FieldErrors>({});
  const [pwMessage, setPwMessage] = useState<string | null>(null);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section className="card p-6" aria-labelledby="access-heading">
        <h2 id="access-heading" className="font-semibold">
          Access
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500 dark:text-slate-400">
          {user.disabled
            ? "This account is disabled and cannot sign in."
            : "Disabling ends the user's open session at once and blocks sign-in."}
        </p>
        <FormError message={message} />
        {isSelf ? (
          <p className="text-sm text-slate-500">You cannot disable your own account.</p>
        ) : (
          <button
            type="button"
            className={user.disabled ? "btn-primary" : "btn-danger"}
            onClick={() => setConfirming(true)}
          >
            {user.disabled ? "Enable user" : "Disable user"}
          </button>
        )}
        <ConfirmDialog
          open={confirming}
          title={user.disabled ? `Enable ${user.name}?` : `Disable ${user.name}?`}
          message={
            user.disabled
              ? "They will be able to sign in again."
              : "They are signed out now and cannot sign in until enabled again."
          }
          confirmLabel={user.disabled ? "Enable" : "Disable"}
          destructive={!user.disabled}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setBusy(true);
            const result = await setUserDisabled({ id: user.id, disabled: !user.disabled });
            setBusy(false);
            setConfirming(false);
            if (!result.ok) setMessage(result.error.message);
            else {
              setMessage(null);
              router.refresh();
            }
          }}
        />
      </section>

      <section className="card p-6" aria-labelledby="password-heading">
        <h2 id="password-heading" className="font-semibold">
          Reset password
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500 dark:text-slate-400">
          Sets a new password and ends their current session.
        </p>
        <form
          className="space-y-3"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const formEl = e.currentTarget;
            const f = new FormData(formEl);
            const result = await resetUserPassword({
              id: user.id,
              password: String(f.get("password") ?? ""),
              confirm: String(f.get("confirm") ?? ""),
            });
            if (!result.ok) {
              setPwErrors(result.error.fieldErrors ?? {});
              setPwMessage(result.error.message);
              return;
            }
            formEl.reset();
            setPwErrors({});
            setPwMessage(null);
            router.push(`/users/${user.id}?saved=1`);
          }}
        >
          <FormError message={pwMessage} />
          <Field label="New password" name="password" errors={pwErrors.password}>
            {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
          </Field>
          <Field label="Confirm new password" name="confirm" errors={pwErrors.confirm}>
            {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
          </Field>
          <button type="submit" className="btn-secondary">
            Reset password
          </button>
        </form>
      </section>
    </div>
  );
}
