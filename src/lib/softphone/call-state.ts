/**
 * The state of one call in the browser phone, as a pure machine the UI and the SIP.js wrapper
 * share. States are strings so they can be logged, shown and compared in tests as they are.
 *
 * Transitions (event → from ⇒ to):
 * - `dial`:            Idle ⇒ Dialing (we sent an INVITE)
 * - `incoming`:        Idle ⇒ Ringing (an INVITE arrived)
 * - `progress`:        Dialing ⇒ Dialing (180/183 from the far end; the state does not change)
 * - `answer`:          Ringing ⇒ Answering (we sent 200 OK and wait for the ACK)
 * - `established`:     Dialing | Answering ⇒ InCall
 * - `hold`:            InCall ⇒ OnHold (our re-INVITE with sendonly/inactive was accepted)
 * - `resume`:          OnHold ⇒ InCall
 * - `transfer`:        InCall | OnHold ⇒ Transferring (we sent a REFER)
 * - `transferFailed`:  Transferring ⇒ OnHold (the far end refused the REFER; the call stays held)
 * - `end`:             any state but Ended ⇒ Ended (BYE, CANCEL, reject, failure or a completed transfer)
 *
 * Everything else is refused: `nextCallState` returns null and the caller keeps the old state.
 */
export enum CallState {
  Idle = "idle",
  Dialing = "dialing",
  Ringing = "ringing",
  Answering = "answering",
  InCall = "in_call",
  OnHold = "on_hold",
  Transferring = "transferring",
  Ended = "ended",
}

export type CallEvent =
  | "dial"
  | "incoming"
  | "progress"
  | "answer"
  | "established"
  | "hold"
  | "resume"
  | "transfer"
  | "transferFailed"
  | "end";

const TRANSITIONS: Record<Exclude<CallEvent, "end">, Partial<Record<CallState, CallState>>> = {
  dial: { [CallState.Idle]: CallState.Dialing },
  incoming: { [CallState.Idle]: CallState.Ringing },
  progress: { [CallState.Dialing]: CallState.Dialing },
  answer: { [CallState.Ringing]: CallState.Answering },
  established: { [CallState.Dialing]: CallState.InCall, [CallState.Answering]: CallState.InCall },
  hold: { [CallState.InCall]: CallState.OnHold },
  resume: { [CallState.OnHold]: CallState.InCall },
  transfer: { [CallState.InCall]: CallState.Transferring, [CallState.OnHold]: CallState.Transferring },
  transferFailed: { [CallState.Transferring]: CallState.OnHold },
};

/** The state after `event`, or null when the event is not allowed in `state`. */
export function nextCallState(state: CallState, event: CallEvent): CallState | null {
  if (event === "end") return state === CallState.Ended ? null : CallState.Ended;
  return TRANSITIONS[event][state] ?? null;
}

/** A call that holds media: answered, and not yet over. */
export function isLive(state: CallState): boolean {
  return state === CallState.InCall || state === CallState.OnHold || state === CallState.Transferring;
}

/** Words for the UI (the e2e tests look for these). */
export const CALL_STATE_LABELS: Record<CallState, string> = {
  [CallState.Idle]: "Idle",
  [CallState.Dialing]: "Calling…",
  [CallState.Ringing]: "Incoming call",
  [CallState.Answering]: "Connecting…",
  [CallState.InCall]: "In call",
  [CallState.OnHold]: "On hold",
  [CallState.Transferring]: "Transferring…",
  [CallState.Ended]: "Call ended",
};
