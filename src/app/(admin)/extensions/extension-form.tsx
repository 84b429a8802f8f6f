"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { CODECS } from "@/lib/asterisk/allowlists";
import type { ExtensionView, LinkableUser } from "@/lib/db/queries/extensions";
import {
  DEFAULT_CODECS,
  MAX_CONTACTS,
  PICKUP_GROUP,
  RECORDING_POLICIES,
  RECORDING_POLICY_LABELS,
} from "@/lib/validations/extension";
import { CLASS_LABELS, CLASSES_OF_SERVICE } from "@/lib/validations/trunk-options";
import { createExtension, updateExtension } from "./actions";

type Toggle = "enabled" | "webrtc" | "callWaiting" | "dnd";
const TOGGLES: { key: Toggle; label: string; help: string }[] = [
  { key: "enabled", label: "Enabled", help: "A disabled extension cannot register or make calls." },
  { key: "webrtc", label: "WebRTC", help: "For the browser softphone (DTLS, ICE, WebSocket)." },
  { key: "callWaiting", label: "Call waiting", help: "A second call may ring while one is in progress." },
  { key: "dnd", label: "Do not disturb", help: "Calls to it are not put through." },
];

/** Create and edit. The server validates everything again; errors come back per field. */
export function ExtensionForm({ extension, users }: { extension?: ExtensionView; users: LinkableUser[] }) {
  const { errors, message, busy, submit } = useActionForm();
  const [voicemail, setVoicemail] = useState(extension?.voicemailEnabled ?? false);
  const [codecs, setCodecs] = useState<string[]>(extension?.codecs ?? DEFAULT_CODECS);

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      aria-label={extension ? "Edit extension" : "New extension"}
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const text = (k: string) => String(f.get(k) ?? "");
        const values = {
          number: text("number"),
          displayName: text("displayName"),
          userId: text("userId"),
          enabled: f.get("enabled") === "on",
          webrtc: f.get("webrtc") === "on",
          codecs,
          maxContacts: text("maxContacts"),
          voicemailEnabled: voicemail,
          voicemailPin: text("voicemailPin"),
          recordingPolicy: text("recordingPolicy") as (typeof RECORDING_POLICIES)[number],
          outboundCallerId: text("outboundCallerId"),
          pickupGroup: text("pickupGroup"),
          callWaiting: f.get("callWaiting") === "on",
          dnd: f.get("dnd") === "on",
          classOfService: text("classOfService") as (typeof CLASSES_OF_SERVICE)[number],
        };
        await submit(
          () => (extension ? updateExtension({ ...values, id: extension.id }) : createExtension(values)),
          (data) => `/extensions/${data.id}?${extension ? "saved" : "created"}=1`,
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Number"
          name="number"
          errors={errors.number}
          help="2 to 8 digits; also the SIP username."
        >
          {(p) => (
            <input
              {...p}
              defaultValue={extension?.number}
              inputMode="numeric"
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Display name"
          name="displayName"
          errors={errors.displayName}
          help="Up to 40 letters, digits, spaces, '.', '-' or '_'. Shown as the caller-ID name."
        >
          {(p) => <input {...p} defaultValue={extension?.displayName} className="input" autoComplete="off" />}
        </Field>
        <Field
          label="Linked user"
          name="userId"
          errors={errors.userId}
          help={
            extension
              ? "The user's own extension is set to this number; anyone else linked to it is unlinked."
              : "Optional. A user whose extension is already this number stays linked if you choose none."
          }
        >
          {(p) => (
            <select {...p} defaultValue={extension?.linkedUser?.id ?? ""} className="input">
              <option value="">— None —</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                  {u.extension && u.extension !== extension?.number ? ` · now ${u.extension}` : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Outbound caller ID"
          name="outboundCallerId"
          errors={errors.outboundCallerId}
          help="Optional. Digits, '*', '#' and '+'."
        >
          {(p) => (
            <input
              {...p}
              defaultValue={extension?.outboundCallerId ?? ""}
              inputMode="tel"
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field
          label="Max contacts"
          name="maxContacts"
          errors={errors.maxContacts}
          help={`Devices that may register at once (${MAX_CONTACTS.min}–${MAX_CONTACTS.max}).`}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={MAX_CONTACTS.min}
              max={MAX_CONTACTS.max}
              defaultValue={extension?.maxContacts ?? 1}
              className="input"
            />
          )}
        </Field>
        <Field
          label="Pickup group"
          name="pickupGroup"
          errors={errors.pickupGroup}
          help={`Optional. ${PICKUP_GROUP.min}–${PICKUP_GROUP.max}; phones in one group can pick up each other's calls.`}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={PICKUP_GROUP.min}
              max={PICKUP_GROUP.max}
              defaultValue={extension?.pickupGroup ?? ""}
              className="input"
            />
          )}
        </Field>
        <Field
          label="Outbound calls"
          name="classOfService"
          errors={errors.classOfService}
          help="The outbound routes it may use: each route admits some classes."
        >
          {(p) => (
            <select {...p} defaultValue={extension?.classOfService ?? "national"} className="input">
              {CLASSES_OF_SERVICE.map((c) => (
                <option key={c} value={c}>
                  {CLASS_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Recording" name="recordingPolicy" errors={errors.recordingPolicy}>
          {(p) => (
            <select {...p} defaultValue={extension?.recordingPolicy ?? "never"} className="input">
              {RECORDING_POLICIES.map((r) => (
                <option key={r} value={r}>
                  {RECORDING_POLICY_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <fieldset aria-describedby={errors.codecs ? "codecs-error" : undefined}>
        <legend className="label">Codecs</legend>
        <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
          Offered in the order you tick them. Browser phones need ulaw, alaw or opus.
        </p>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {CODECS.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="codecs"
                value={c}
                checked={codecs.includes(c)}
                onChange={(e) =>
                  setCodecs((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))
                }
              />
              <span className="font-mono">{c}</span>
            </label>
          ))}
        </div>
        {errors.codecs && (
          <p id="codecs-error" role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
            {errors.codecs.join(" ")}
          </p>
        )}
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="label">Options</legend>
        {TOGGLES.map((t) => (
          <div key={t.key}>
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                name={t.key}
                defaultChecked={extension ? extension[t.key] : t.key === "enabled" || t.key === "callWaiting"}
              />
              {t.label}
            </label>
            <p className="ml-6 text-xs text-slate-500 dark:text-slate-400">{t.help}</p>
            {errors[t.key] && (
              <p role="alert" className="ml-6 text-sm text-rose-600 dark:text-rose-400">
                {errors[t.key]!.join(" ")}
              </p>
            )}
          </div>
        ))}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="label">Voicemail</legend>
        <div>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="voicemailEnabled"
              checked={voicemail}
              onChange={(e) => setVoicemail(e.target.checked)}
            />
            Voicemail
          </label>
          {errors.voicemailEnabled && (
            <p role="alert" className="ml-6 text-sm text-rose-600 dark:text-rose-400">
              {errors.voicemailEnabled.join(" ")}
            </p>
          )}
        </div>
        <Field
          label="Voicemail PIN"
          name="voicemailPin"
          errors={errors.voicemailPin}
          help={
            extension?.hasVoicemailPin
              ? "4 to 10 digits. Leave empty to keep the current PIN."
              : `4 to 10 digits.${voicemail ? " Required with voicemail." : ""}`
          }
        >
          {(p) => (
            <input
              {...p}
              type="password"
              inputMode="numeric"
              className="input font-mono"
              autoComplete="new-password"
            />
          )}
        </Field>
      </fieldset>

      <FormActions busy={busy} submitLabel={extension ? "Save changes" : "Create extension"} />
    </form>
  );
}
