"use client";

import { useEffect, useState } from "react";
import { Field, FormError } from "@/components/field";
import { signInWithPassword } from "@/lib/auth/sign-in";

export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!retryAt) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [retryAt]);

  const wait = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const email = String(form.get("email") ?? "");
        const password = String(form.get("password") ?? "");
        if (!email || !password) {
          setError("Enter your e-mail and password.");
          return;
        }
        setBusy(true);
        setError(null);
        const result = await signInWithPassword(email, password, callbackUrl);
        if (result.ok) {
          window.location.href = callbackUrl;
          return;
        }
        setBusy(false);
        setError(result.message);
        if (result.retryAfter) setRetryAt(Date.now() + result.retryAfter * 1000);
      }}
    >
      {notice && !error && (
        <p
          role="status"
          className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-700 dark:bg-indigo-950/60 dark:text-indigo-300"
        >
          {notice}
        </p>
      )}
      <FormError
        message={wait > 0 ? `Too many failed sign-in attempts. Try again in ${wait} seconds.` : error}
      />
      <Field label="E-mail" name="email">
        {(p) => <input {...p} type="email" autoComplete="username" required className="input" autoFocus />}
      </Field>
      <Field label="Password" name="password">
        {(p) => <input {...p} type="password" autoComplete="current-password" required className="input" />}
      </Field>
      <button type="submit" className="btn-primary w-full" disabled={busy || wait > 0}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
