import type { SpyMode } from "@/lib/asterisk/live/types";
import type { Result } from "@/lib/errors";
import {
  attendedTransfer,
  bargeIntoCall,
  clickToCall,
  hangupCall,
  listenToCall,
  parkCall,
  pickupCall,
  startRecording,
  stopRecording,
  transferCall,
  unparkCall,
  whisperToAgent,
} from "./actions";
import {
  addQueueMember,
  pauseAgent,
  pauseMe,
  queueLogin,
  queueLogout,
  removeQueueMember,
  unpauseAgent,
  unpauseMe,
} from "./queue-actions";

/**
 * Everything a panel control can ask for, as data: menus, drag-and-drop and pickers all produce
 * one of these, and the panel runs it (after a confirmation where `needsConfirm` says so).
 * `label` names the target in plain words for the confirmation and the result message.
 */
export type PanelRequest =
  | { kind: "spy"; mode: SpyMode; uniqueid: string; label: string }
  | { kind: "hangup"; uniqueid: string; label: string }
  | { kind: "transfer"; uniqueid: string; number: string; attended: boolean; label: string }
  | { kind: "park"; uniqueid: string; label: string }
  | { kind: "unpark"; parked: string; label: string }
  | { kind: "pickup"; uniqueid: string; label: string }
  | { kind: "record"; uniqueid: string; on: boolean; label: string }
  | { kind: "call"; number: string }
  | { kind: "pause"; extension: string; self: boolean; breakCode: string; queue?: string }
  | { kind: "unpause"; extension: string; self: boolean; queue?: string }
  | { kind: "member"; op: "add" | "remove"; queue: string; extension: string }
  | { kind: "login" | "logout"; queue: string };

/** Hang-ups and barges interrupt a live conversation: ask first. */
export function needsConfirm(
  r: PanelRequest,
): { title: string; message: string; confirmLabel: string } | null {
  if (r.kind === "hangup") {
    return {
      title: `Hang up ${r.label}?`,
      message: "The call ends for everyone on it.",
      confirmLabel: "Hang up",
    };
  }
  if (r.kind === "spy" && r.mode === "barge") {
    return {
      title: `Barge into ${r.label}?`,
      message: "Your phone rings; when you answer, both parties hear you.",
      confirmLabel: "Barge in",
    };
  }
  return null;
}

const SPY_DONE: Record<SpyMode, string> = {
  listen: "Listening to",
  whisper: "Whispering to",
  barge: "Barging into",
};

/** Runs the request's server action; returns the message to show on success. */
export async function runRequest(r: PanelRequest): Promise<Result<string>> {
  const then = async <T>(result: Promise<Result<T>>, message: string): Promise<Result<string>> => {
    const outcome = await result;
    return outcome.ok ? { ok: true, data: message } : outcome;
  };
  switch (r.kind) {
    case "spy": {
      const run = { listen: listenToCall, whisper: whisperToAgent, barge: bargeIntoCall }[r.mode];
      return then(run({ uniqueid: r.uniqueid }), `${SPY_DONE[r.mode]} ${r.label}: answer your phone.`);
    }
    case "hangup":
      return then(hangupCall({ uniqueid: r.uniqueid }), `Hung up ${r.label}.`);
    case "transfer":
      return r.attended
        ? then(
            attendedTransfer({ uniqueid: r.uniqueid, number: r.number }),
            `Consulting ${r.number} for ${r.label}; hang up to complete the transfer.`,
          )
        : then(
            transferCall({ uniqueid: r.uniqueid, number: r.number }),
            `Transferred ${r.label} to ${r.number}.`,
          );
    case "park":
      return then(parkCall({ uniqueid: r.uniqueid }), `Parked ${r.label}.`);
    case "unpark":
      return then(unparkCall({ parked: r.parked }), `Taking ${r.label}: answer your phone.`);
    case "pickup":
      return then(pickupCall({ uniqueid: r.uniqueid }), `Picking up ${r.label}: answer your phone.`);
    case "record":
      return r.on
        ? then(startRecording({ uniqueid: r.uniqueid }), `Recording ${r.label}.`)
        : then(stopRecording({ uniqueid: r.uniqueid }), `Stopped recording ${r.label}.`);
    case "call":
      return then(clickToCall({ number: r.number }), `Calling ${r.number}: answer your phone.`);
    case "pause":
      return r.self
        ? then(pauseMe({ breakCode: r.breakCode }), "You are paused.")
        : then(
            pauseAgent({ extension: r.extension, queue: r.queue, breakCode: r.breakCode }),
            `Paused ${r.extension}.`,
          );
    case "unpause":
      return r.self
        ? then(unpauseMe({}), "You are available again.")
        : then(
            unpauseAgent({ extension: r.extension, queue: r.queue }),
            `${r.extension} is available again.`,
          );
    case "member":
      return r.op === "add"
        ? then(
            addQueueMember({ queue: r.queue, extension: r.extension }),
            `Added ${r.extension} to ${r.queue}.`,
          )
        : then(
            removeQueueMember({ queue: r.queue, extension: r.extension }),
            `Removed ${r.extension} from ${r.queue}.`,
          );
    case "login":
      return then(queueLogin({ queue: r.queue }), `Logged in to ${r.queue}.`);
    case "logout":
      return then(queueLogout({ queue: r.queue }), `Logged out of ${r.queue}.`);
  }
}
