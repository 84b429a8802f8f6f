"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { FieldErrors } from "@/lib/errors";
import { completeSetup } from "./actions";

export function SetupForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const input = {
          name: String(f.get("name") ?? ""),
          email: String(f.get("email") ?? ""),
          password: String(f.get("password") ?? ""),
          confirm: String(f.get("confirm") ?? ""),
        };
        setBusy(true);
        const result = await completeSetup(input);
        if (!result.ok) {
          setBusy(false);
          setErrors(result.error.fieldErrors ?? {});
          setMessage(result.error.message);
          return;
        }
        const signedIn = await signInWithPassword(input.email, input.password, "/");
        window.location.href = signedIn.ok ? "/" : "/login";
      }}
    >
      <FormError message={message} />
      <Field label="Your name" name="name" errors={errors.name}>
        {(p) => <input {...p} autoComplete="name" className="input" autoFocus />}
      </Field>
      <Field label="E-mail" name="email" errors={errors.email}>
        {(p) => <input {...p} type="email" autoComplete="username" className="input" />}
      </Field>
      <Field
        label="Password"
        name="password"
        errors={errors.password}
        help={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      >
        {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
      </Field>
      <Field label="Confirm password" name="confirm" errors={errors.confirm}>
        {(p) => <input {...p} type="password" autoComplete="new-password" className="input" />}
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {busy ? "Creating…" : "Create admin account"}
      </button>
    </form>
  );
}
