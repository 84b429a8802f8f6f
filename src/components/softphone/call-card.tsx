"use client";

import { useEffect, useState } from "react";
import { usePermission } from "@/components/permissions-provider";
import { SoundboardMenu } from "@/components/soundboard-menu";
import { CALL_STATE_LABELS, CallState, isLive } from "@/lib/softphone/call-state";
import type { PhoneCall, Softphone } from "@/lib/softphone/phone";
import { KEYS } from "./dialer";

type Run = (work: () => unknown) => Promise<void>;

/** One call: its state and timer, and what can be done with it now. */
export function CallCard({
  call,
  calls,
  phone,
  run,
}: {
  call: PhoneCall;
  calls: PhoneCall[];
  phone: Softphone;
  run: Run;
}) {
  const [pad, setPad] = useState(false);
  const [board, setBoard] = useState(false);
  const canPlayClips = usePermission("soundboard.play");
  const [transfer, setTransfer] = useState(false);
  const [target, setTarget] = useState("");
  const who = call.name ? `${call.name} (${call.number})` : call.number;
  const live = isLive(call.state);
  const consult = call.consultOf ? calls.find((c) => c.id === call.consultOf) : undefined;
  // Another answered call we could conference with (a consultation, or a second line).
  const partner = calls.find(
    (c) => c.id !== call.id && (c.state === CallState.InCall || c.state === CallState.OnHold),
  );

  return (
    <fieldset
      aria-label={`Call with ${call.number}`}
      data-state={call.state}
      data-rx-packets={call.packetsReceived}
      // min-w-0: a fieldset is as wide as its widest row by default, which pushed Decline out of the phone.
      className="min-w-0 space-y-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-medium">{who}</span>
        {call.answeredAt && live && <Timer since={call.answeredAt} />}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <span data-testid="call-state">{CALL_STATE_LABELS[call.state]}</span>
        {call.muted && " · muted"}
        {call.conference && " · conference"}
        {call.recovering && " · restoring audio…"}
        {consult && ` · consulting for ${consult.number}`}
      </p>
      {call.endReason && call.state === CallState.Ended && (
        <p className="text-xs text-rose-600">{call.endReason}</p>
      )}
      {call.dtmfSent && <p className="text-xs">Tones sent: {call.dtmfSent}</p>}

      {call.state === CallState.Ringing && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-primary flex-1 whitespace-nowrap"
            onClick={() => run(() => phone.answer(call.id))}
          >
            Answer{" "}
            <kbd className="text-[10px] opacity-70" aria-hidden>
              Alt+Shift+A
            </kbd>
          </button>
          <button
            type="button"
            className="btn-danger flex-1 whitespace-nowrap"
            onClick={() => run(() => phone.decline(call.id))}
          >
            Decline{" "}
            <kbd className="text-[10px] opacity-70" aria-hidden>
              Alt+Shift+D
            </kbd>
          </button>
        </div>
      )}

      {live && (
        <div className="flex flex-wrap gap-1">
          {call.state === CallState.OnHold ? (
            <button
              type="button"
              className="btn-secondary px-2 py-1"
              onClick={() => run(() => phone.resume(call.id))}
            >
              Resume
            </button>
          ) : (
            <button
              type="button"
              className="btn-secondary px-2 py-1"
              onClick={() => run(() => phone.hold(call.id))}
            >
              Hold
            </button>
          )}
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            aria-pressed={call.muted}
            onClick={() => run(() => phone.mute(call.id, !call.muted))}
          >
            {call.muted ? "Unmute" : "Mute"}
          </button>
          <button
            type="button"
            className="btn-secondary px-2 py-1"
            aria-expanded={pad}
            onClick={() => setPad((p) => !p)}
          >
            Keypad
          </button>
          {canPlayClips && call.state === CallState.InCall && (
            <button
              type="button"
              className="btn-secondary px-2 py-1"
              aria-expanded={board}
              onClick={() => setBoard((b) => !b)}
            >
              Soundboard
            </button>
          )}
          {!call.consultOf && !call.conference && (
            <button
              type="button"
              className="btn-secondary px-2 py-1"
              aria-expanded={transfer}
              onClick={() => setTransfer((t) => !t)}
            >
              Transfer
            </button>
          )}
          {consult && call.state === CallState.InCall && (
            <>
              <button
                type="button"
                className="btn-primary px-2 py-1"
                onClick={() => run(() => phone.completeTransfer(call.id))}
              >
                Complete transfer
              </button>
              <button
                type="button"
                className="btn-secondary px-2 py-1"
                onClick={() => run(() => phone.cancelConsult(call.id))}
              >
                Cancel transfer
              </button>
            </>
          )}
          {partner && !call.conference && call.state === CallState.InCall && (
            <button
              type="button"
              className="btn-secondary px-2 py-1"
              onClick={() => run(() => phone.merge(partner.id, call.id))}
            >
              Conference
            </button>
          )}
        </div>
      )}

      {live && pad && (
        <fieldset className="grid grid-cols-3 gap-1" aria-label="Send tones">
          {KEYS.map((k) => (
            <button
              key={k}
              type="button"
              aria-label={`Tone ${k}`}
              className="btn-secondary py-1 font-mono"
              onClick={() => run(() => phone.sendDtmf(call.id, k))}
            >
              {k}
            </button>
          ))}
        </fieldset>
      )}

      {board && call.state === CallState.InCall && <SoundboardMenu />}

      {live && transfer && (
        <form
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => phone.blindTransfer(call.id, target));
          }}
        >
          <label className="label" htmlFor={`${call.id}-xfer`}>
            Transfer to
          </label>
          <input
            id={`${call.id}-xfer`}
            className="input"
            value={target}
            autoComplete="off"
            onChange={(e) => setTarget(e.target.value)}
          />
          <div className="flex gap-1">
            <button type="submit" className="btn-primary flex-1 px-2 py-1">
              Blind transfer
            </button>
            <button
              type="button"
              className="btn-secondary flex-1 px-2 py-1"
              onClick={() =>
                run(async () => {
                  await phone.consult(call.id, target);
                  setTransfer(false);
                })
              }
            >
              Consult first
            </button>
          </div>
        </form>
      )}

      {call.state !== CallState.Ended && call.state !== CallState.Ringing && (
        <button
          type="button"
          className="btn-danger w-full py-1"
          onClick={() => run(() => phone.hangup(call.id))}
        >
          Hang up
        </button>
      )}
    </fieldset>
  );
}

function Timer({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const s = Math.max(0, Math.floor((now - since) / 1000));
  const text = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  return (
    <span data-testid="call-timer" className="font-mono text-xs tabular-nums">
      {text}
    </span>
  );
}
