"use client";

import { LogOut } from "lucide-react";
import { useState } from "react";

/** next-auth's sign-out needs its CSRF token; the server then ends the session in the database too. */
export function LogoutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      onClick={async () => {
        setBusy(true);
        try {
          const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
          await fetch("/api/auth/signout", {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ csrfToken, json: "true" }),
          });
        } finally {
          window.location.href = "/login?reason=logout";
        }
      }}
    >
      <LogOut className="size-4" aria-hidden />
      Sign out
    </button>
  );
}
