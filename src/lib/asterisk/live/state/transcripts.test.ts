import { describe, expect, it } from "vitest";
import { loadTranscript, TRANSCRIPT_NAMES } from "../../ami/testing/transcript";
import type { LiveState } from "../types";
import { LiveStateStore } from "./live-state-store";
import { transcriptSteps } from "./testing/transcript-steps";

/**
 * Every recorded session replayed through apply(), starting from rebuild() of its first list
 * block (`start-*`; `idle-*` in 01): at each later block (`snap-*`, `end-*`), the state derived
 * from events must agree with the state rebuilt from what Asterisk listed at that moment.
 * 00 has a single block (after its failed logins), so it only exercises rebuild().
 *
 * Twice: with every recorded event, and without Newexten and VarSet, as a production AMI user
 * filters them. Without Newexten a channel's application is only known where another event
 * implies it (Dial, Queue, ConfBridge, ChanSpy, OriginateResponse), so it isn't compared then.
 */
const MODES = [
  { mode: "every event", drop: new Set<string>(), application: true },
  { mode: "no Newexten/VarSet", drop: new Set(["Newexten", "VarSet"]), application: false },
];

describe.each(TRANSCRIPT_NAMES)("%s", (name) => {
  it.each(MODES)("derives from live events what the list actions report ($mode)", ({ drop, application }) => {
    const transcript = loadTranscript(name);
    const clock = fixedClock();
    const live = new LiveStateStore({ now: clock, timeZone: "UTC" });
    let started = false;
    let compared = 0;
    for (const step of transcriptSteps(transcript)) {
      if (step.kind === "event") {
        if (!drop.has(step.event.event)) expect(() => live.apply(step.event)).not.toThrow();
      } else if (step.kind === "lists" && !started) {
        live.rebuild(step.lists);
        started = true;
      } else if (step.kind === "lists") {
        const listed = new LiveStateStore({ now: clock, timeZone: "UTC" });
        listed.rebuild(step.lists);
        expect(comparable(live.state, application), `${step.block} lists`).toEqual(
          comparable(listed.state, application),
        );
        compared += 1;
      }
    }
    expect(started).toBe(true);
    if (name !== "00-login-failure") expect(compared).toBeGreaterThan(0);
  });
});

/**
 * What must agree. Left out on purpose:
 * - every time (createdAt, answeredAt, since, joinedAt, pausedSince, parkedAt, timeoutAt,
 *   startedAt): list items carry durations in whole seconds read against the listener's clock,
 *   events carry Asterisk's µs Timestamp;
 * - queue `today` counters: Asterisk's QueueStatus counts since the last reload, not per day;
 * - channel `onHold`, `recording`, `queue`: no list reports hold or MixMonitor, and a member's
 *   leg of a queue call can't be told from the lists;
 * - bridge `technology`: Asterisk switches simple_bridge → native_rtp with no event of its own
 *   (06 shows it on BridgeLeave), so between two events the list may be ahead.
 * The parking lot's bridge that BridgeList keeps listing with 0 channels (12) needs no exception:
 * the store drops empty parking bridges both when the last channel leaves and in rebuild().
 * Devices of Local channels and ConfBridge announcers, which DeviceStateList never lists, are
 * likewise never kept (see presenceReducers).
 */
function comparable(state: LiveState, application: boolean) {
  return {
    channels: mapValues(state.channels, (c) => ({
      name: c.name,
      state: c.state,
      bridgeId: c.bridgeId,
      linkedid: c.linkedid,
      endpoint: c.endpoint,
      callerId: [c.callerIdNum, c.callerIdName],
      connectedLine: [c.connectedLineNum, c.connectedLineName],
      spying: c.spying,
      ...(application ? { application: c.application } : {}),
    })),
    bridges: mapValues(state.bridges, (b) => ({
      type: b.type,
      name: b.name,
      channels: [...b.channels].sort(),
    })),
    extensions: mapValues(state.extensions, (e) => ({ hint: e.hint, state: e.state })),
    devices: mapValues(state.devices, (d) => d.state),
    queues: mapValues(state.queues, (q) => ({
      strategy: q.strategy,
      serviceLevel: q.serviceLevel,
      entries: mapValues(q.entries, (e) => ({
        channel: e.channel,
        position: e.position,
        callerId: [e.callerIdNum, e.callerIdName],
      })),
      members: mapValues(q.members, (m) => ({
        name: m.name,
        stateInterface: m.stateInterface,
        state: m.state,
        paused: m.paused,
        pausedReason: m.pausedReason,
        callsTaken: m.callsTaken,
        lastCall: m.lastCall,
        inCall: m.inCall,
        membership: m.membership,
        penalty: m.penalty,
      })),
    })),
    parked: mapValues(state.parked, (p) => ({
      uniqueid: p.uniqueid,
      channel: p.channel,
      callerId: [p.callerIdNum, p.callerIdName],
      parkerDialString: p.parkerDialString,
    })),
    conferences: mapValues(state.conferences, (c) => ({
      participants: [...c.participants].sort(),
      locked: c.locked,
    })),
  };
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}

/** The recordings were made on 2026-11-22; a fixed clock keeps "today" deterministic. */
function fixedClock() {
  return () => Date.UTC(2026, 10, 22, 12);
}
