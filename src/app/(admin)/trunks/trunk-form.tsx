"use client";

import { useState } from "react";
import { Field, FormError } from "@/components/field";
import { FormActions } from "@/components/form-actions";
import { useActionForm } from "@/components/use-action-form";
import { CODECS } from "@/lib/asterisk/allowlists";
import { intValue } from "@/lib/form-values";
import {
  AUTH_LABELS,
  CALLER_ID_LABELS,
  CALLER_ID_MODES,
  DIRECTION_LABELS,
  DTMF_LABELS,
  DTMF_MODES,
  TRANSPORT_LABELS,
  TRUNK_AUTH_MODES,
  TRUNK_DIRECTIONS,
  TRUNK_TRANSPORTS,
} from "@/lib/validations/trunk-options";
import { createTrunk, updateTrunk } from "./actions";

export type ExistingTrunk = {
  id: string;
  name: string;
  direction: (typeof TRUNK_DIRECTIONS)[number];
  authMode: (typeof TRUNK_AUTH_MODES)[number];
  host: string;
  port: number;
  transport: (typeof TRUNK_TRANSPORTS)[number];
  username: string | null;
  hasSecret: boolean;
  fromUser: string | null;
  codecs: string[];
  dtmfMode: (typeof DTMF_MODES)[number];
  maxChannels: number;
  callerIdMode: (typeof CALLER_ID_MODES)[number];
  fixedCallerId: string | null;
};

/** Create and edit a carrier. The password is write-only: empty on edit keeps the stored one. */
export function TrunkForm({ trunk }: { trunk?: ExistingTrunk }) {
  const { errors, message, busy, submit } = useActionForm();
  const [authMode, setAuthMode] = useState(trunk?.authMode ?? "registration");
  const [callerIdMode, setCallerIdMode] = useState(trunk?.callerIdMode ?? "extension");
  const [codecs, setCodecs] = useState<string[]>(trunk?.codecs ?? ["ulaw", "alaw"]);

  return (
    <form
      className="card space-y-6 p-6"
      noValidate
      aria-label={trunk ? "Edit trunk" : "New trunk"}
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const text = (k: string) => String(f.get(k) ?? "");
        const input = {
          name: text("name"),
          direction: text("direction") as ExistingTrunk["direction"],
          authMode,
          host: text("host"),
          port: intValue(f.get("port")),
          transport: text("transport") as ExistingTrunk["transport"],
          username: text("username"),
          secret: text("secret"),
          fromUser: text("fromUser"),
          codecs,
          dtmfMode: text("dtmfMode") as ExistingTrunk["dtmfMode"],
          maxChannels: intValue(f.get("maxChannels")),
          callerIdMode,
          fixedCallerId: text("fixedCallerId"),
        };
        await submit(
          () => (trunk ? updateTrunk({ ...input, id: trunk.id }) : createTrunk(input)),
          (data) => `/trunks/${data.id}?saved=1`,
        );
      }}
    >
      <FormError message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Name"
          name="name"
          errors={errors.name}
          help="A letter, then letters, digits, '-' or '_'."
        >
          {(p) => <input {...p} defaultValue={trunk?.name} className="input font-mono" autoComplete="off" />}
        </Field>
        <Field label="Direction" name="direction" errors={errors.direction}>
          {(p) => (
            <select {...p} defaultValue={trunk?.direction ?? "both"} className="input">
              {TRUNK_DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {DIRECTION_LABELS[d]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Authentication" name="authMode" errors={errors.authMode}>
          {(p) => (
            <select
              {...p}
              value={authMode}
              onChange={(e) => setAuthMode(e.target.value as ExistingTrunk["authMode"])}
              className="input"
            >
              {TRUNK_AUTH_MODES.map((a) => (
                <option key={a} value={a}>
                  {AUTH_LABELS[a]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Host" name="host" errors={errors.host} help="The carrier's host name or IPv4 address.">
          {(p) => <input {...p} defaultValue={trunk?.host} className="input font-mono" autoComplete="off" />}
        </Field>
        <Field label="Port" name="port" errors={errors.port}>
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={65535}
              defaultValue={trunk?.port ?? 5060}
              className="input"
            />
          )}
        </Field>
        <Field label="Transport" name="transport" errors={errors.transport}>
          {(p) => (
            <select {...p} defaultValue={trunk?.transport ?? "udp"} className="input">
              {TRUNK_TRANSPORTS.map((t) => (
                <option key={t} value={t}>
                  {TRANSPORT_LABELS[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {authMode === "registration" && (
          <>
            <Field label="Username" name="username" errors={errors.username}>
              {(p) => (
                <input
                  {...p}
                  defaultValue={trunk?.username ?? ""}
                  className="input font-mono"
                  autoComplete="off"
                />
              )}
            </Field>
            <Field
              label="Password"
              name="secret"
              errors={errors.secret}
              help={
                trunk?.hasSecret
                  ? "Stored. Leave empty to keep it."
                  : "Letters, digits and ! @ % ^ * _ + = . : / ~ -"
              }
            >
              {(p) => (
                <input {...p} type="password" className="input font-mono" autoComplete="new-password" />
              )}
            </Field>
          </>
        )}
        <Field
          label="From user"
          name="fromUser"
          errors={errors.fromUser}
          help="Optional: the From user the carrier expects."
        >
          {(p) => (
            <input
              {...p}
              defaultValue={trunk?.fromUser ?? ""}
              className="input font-mono"
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="DTMF mode" name="dtmfMode" errors={errors.dtmfMode}>
          {(p) => (
            <select {...p} defaultValue={trunk?.dtmfMode ?? "rfc4733"} className="input">
              {DTMF_MODES.map((d) => (
                <option key={d} value={d}>
                  {DTMF_LABELS[d]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Max channels"
          name="maxChannels"
          errors={errors.maxChannels}
          help="Outbound calls at once; 0 for no limit."
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={0}
              max={999}
              defaultValue={trunk?.maxChannels ?? 0}
              className="input"
            />
          )}
        </Field>
        <Field label="Caller ID to send" name="callerIdMode" errors={errors.callerIdMode}>
          {(p) => (
            <select
              {...p}
              value={callerIdMode}
              onChange={(e) => setCallerIdMode(e.target.value as ExistingTrunk["callerIdMode"])}
              className="input"
            >
              {CALLER_ID_MODES.map((c) => (
                <option key={c} value={c}>
                  {CALLER_ID_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {callerIdMode === "fixed" && (
          <Field label="Fixed caller ID" name="fixedCallerId" errors={errors.fixedCallerId}>
            {(p) => (
              <input
                {...p}
                defaultValue={trunk?.fixedCallerId ?? ""}
                className="input font-mono"
                autoComplete="off"
              />
            )}
          </Field>
        )}
      </div>
      <fieldset>
        <legend className="label">Codecs</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {CODECS.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={codecs.includes(c)}
                onChange={(e) => setCodecs(e.target.checked ? [...codecs, c] : codecs.filter((x) => x !== c))}
              />
              {c}
            </label>
          ))}
        </div>
        {errors.codecs && (
          <p role="alert" className="mt-1 text-sm text-rose-600 dark:text-rose-400">
            {errors.codecs.join(" ")}
          </p>
        )}
      </fieldset>
      <FormActions busy={busy} submitLabel={trunk ? "Save changes" : "Create trunk"} />
    </form>
  );
}
