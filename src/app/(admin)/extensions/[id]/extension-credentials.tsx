"use client";

import { Eye, EyeOff, KeyRound, Mail } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { FormError } from "@/components/field";
import {
  emailExtensionCredentials,
  regenerateExtensionSecret,
  revealExtensionSecret,
} from "../secret-actions";

/**
 * SIP credentials. The secret is never part of the page: Reveal fetches it from a server action
 * that checks extensions.secrets and audits the reveal, and it lives only in this component's state.
 */
export function ExtensionCredentials({
  extension,
  canReveal,
  canRegenerate,
}: {
  extension: { id: string; number: string; linkedUser: { name: string; email: string } | null };
  canReveal: boolean;
  canRegenerate: boolean;
}) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState<"reveal" | "regenerate" | "email" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const done = (message: string) => {
    setError(null);
    setStatus(message);
  };
  const failed = (message: string) => {
    setStatus(null);
    setError(message);
  };

  return (
    <section className="card p-6" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading" className="flex items-center gap-2 font-semibold">
        <KeyRound className="size-4 text-teal-500" aria-hidden /> SIP credentials
      </h2>
      <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500 dark:text-slate-400">Username</dt>
        <dd className="font-mono">{extension.number}</dd>
        <dt className="text-slate-500 dark:text-slate-400">Secret</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {secret ? (
            <code
              data-testid="sip-secret"
              className="rounded bg-slate-100 px-2 py-0.5 font-mono dark:bg-slate-800"
            >
              {secret}
            </code>
          ) : (
            <span className="font-mono tracking-widest text-slate-400">
              <span aria-hidden>••••••••••••</span>
              <span className="sr-only">Hidden</span>
            </span>
          )}
          {canReveal &&
            (secret ? (
              <button type="button" className="btn-secondary py-1" onClick={() => setSecret(null)}>
                <EyeOff className="size-4" aria-hidden /> Hide
              </button>
            ) : (
              <button
                type="button"
                className="btn-secondary py-1"
                disabled={busy !== null}
                onClick={async () => {
                  setBusy("reveal");
                  const result = await revealExtensionSecret({ id: extension.id });
                  setBusy(null);
                  if (result.ok) {
                    setSecret(result.data.secret);
                    setError(null);
                  } else failed(result.error.message);
                }}
              >
                <Eye className="size-4" aria-hidden /> {busy === "reveal" ? "Revealing…" : "Reveal"}
              </button>
            ))}
        </dd>
      </dl>

      <div className="mt-4 space-y-3">
        <FormError message={error} />
        {status && (
          <p
            role="status"
            className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-800 dark:bg-teal-950 dark:text-teal-200"
          >
            {status}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {canRegenerate && (
            <button
              type="button"
              className="btn-secondary"
              disabled={busy !== null}
              onClick={() => setConfirming(true)}
            >
              Regenerate secret
            </button>
          )}
          {canReveal && (
            <button
              type="button"
              className="btn-secondary"
              disabled={busy !== null}
              onClick={async () => {
                setBusy("email");
                const result = await emailExtensionCredentials({ id: extension.id });
                setBusy(null);
                if (result.ok) done(`Credentials sent to ${result.data.to}.`);
                else failed(result.error.message);
              }}
            >
              <Mail className="size-4" aria-hidden /> {busy === "email" ? "Sending…" : "E-mail credentials"}
            </button>
          )}
        </div>
        {canReveal && (
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {extension.linkedUser
              ? `E-mail goes to the linked user, ${extension.linkedUser.name} <${extension.linkedUser.email}>.`
              : "Link a user to e-mail the credentials to them."}
          </p>
        )}
      </div>

      <ConfirmDialog
        open={confirming}
        title={`Regenerate the secret of ${extension.number}?`}
        message="Phones using the current secret stop registering once the change is applied. You can reveal or e-mail the new one afterwards."
        confirmLabel="Regenerate"
        destructive
        busy={busy === "regenerate"}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setBusy("regenerate");
          const result = await regenerateExtensionSecret({ id: extension.id });
          setBusy(null);
          setConfirming(false);
          if (!result.ok) return failed(result.error.message);
          setSecret(null);
          done("A new secret was generated. It reaches Asterisk at the next apply.");
          router.refresh();
        }}
      />
    </section>
  );
}
