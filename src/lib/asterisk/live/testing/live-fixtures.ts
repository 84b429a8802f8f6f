import {
  BlfState,
  type LiveChannel,
  type LiveQueue,
  type LiveQueueMember,
  type LiveSnapshot,
  type LiveState,
} from "../types";

/** Builders for live-state test data; every field has a plain default, overridable. */
export function liveChannel(
  uniqueid: string,
  endpoint: string | null,
  over: Partial<LiveChannel> = {},
): LiveChannel {
  const seq = uniqueid.replace(/\D/g, "").padStart(8, "0");
  return {
    uniqueid,
    name: endpoint ? `PJSIP/${endpoint}-${seq}` : `PJSIP/trunk-${seq}`,
    linkedid: uniqueid,
    endpoint,
    state: "Up",
    callerIdNum: "",
    callerIdName: "",
    connectedLineNum: "",
    connectedLineName: "",
    context: "sb-internal",
    exten: "",
    bridgeId: null,
    onHold: false,
    application: "",
    recording: false,
    spying: null,
    createdAt: 1_000,
    answeredAt: null,
    ...over,
  };
}

export function liveMember(ext: string, over: Partial<LiveQueueMember> = {}): LiveQueueMember {
  return {
    interface: `PJSIP/${ext}`,
    name: `Ext ${ext}`,
    stateInterface: `PJSIP/${ext}`,
    state: BlfState.Idle,
    paused: false,
    pausedReason: "",
    pausedSince: null,
    callsTaken: 0,
    lastCall: null,
    inCall: false,
    membership: "static",
    penalty: 0,
    ...over,
  };
}

/** A queue with these members and these waiting callers (Uniqueids), in order. */
export function liveQueue(
  name: string,
  members: string[],
  waiting: string[] = [],
  over: Partial<LiveQueue> = {},
): LiveQueue {
  return {
    name,
    strategy: "ringall",
    serviceLevel: 20,
    entries: Object.fromEntries(
      waiting.map((id, i) => [
        id,
        {
          uniqueid: id,
          channel: `PJSIP/trunk-${id}`,
          position: i + 1,
          callerIdNum: "",
          callerIdName: "",
          joinedAt: 1_000,
        },
      ]),
    ),
    members: Object.fromEntries(members.map((m) => [`PJSIP/${m}`, liveMember(m)])),
    today: { day: "2026-01-01", answered: 3, abandoned: 1, answeredWithinSla: 2 },
    ...over,
  };
}

export function liveSnapshot(state: LiveState, version = 1): LiveSnapshot {
  return { version, at: 1_000, connection: { state: "live", lastEventAt: 1_000, error: null }, state };
}
