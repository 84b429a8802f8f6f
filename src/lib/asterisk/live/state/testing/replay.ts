import { type AmiEvent, toAmiMessage } from "../../../ami/message";
import { loadTranscript } from "../../../ami/testing/transcript";
import type { LiveChange } from "../../types";
import { LiveStateStore } from "../live-state-store";
import { REBUILD_ACTIONS, type RebuildAction, type RebuildLists } from "../rebuild";
import { type TranscriptStep, transcriptSteps } from "./transcript-steps";

/** The recordings were made on 2026-11-22; list items are read against this clock. */
export const RECORDING_NOON = Date.UTC(2026, 10, 22, 12);

export function newTestStore(now: () => number = () => RECORDING_NOON): LiveStateStore {
  return new LiveStateStore({ now, timeZone: "UTC" });
}

/**
 * Replays a recorded session into `store` the way the listener would: rebuild() from its first
 * list block, apply() for every live event. `visit` sees each step after it was handled, with
 * the changes an event produced; returning true stops the replay there.
 */
export function replay(
  name: string,
  visit: (step: TranscriptStep, changes: LiveChange[]) => unknown = () => undefined,
  store: LiveStateStore = newTestStore(),
  drop: ReadonlySet<string> = new Set(),
): LiveStateStore {
  let started = false;
  for (const step of transcriptSteps(loadTranscript(name))) {
    let changes: LiveChange[] = [];
    if (step.kind === "event" && drop.has(step.event.event)) continue;
    if (step.kind === "event") changes = store.apply(step.event);
    else if (step.kind === "lists" && !started) {
      store.rebuild(step.lists);
      started = true;
    }
    if (visit(step, changes) === true) break;
  }
  return store;
}

/** A synthetic event, built the way the parser builds recorded ones. */
export function amiEvent(name: string, fields: Record<string, string> = {}): AmiEvent {
  const message = toAmiMessage([["Event", name], ...Object.entries(fields)]);
  if (message.type !== "event") throw new Error("not an event");
  return message;
}

/** Rebuild lists with only the given actions' items (the others listed nothing). */
export function rebuildLists(some: Partial<Record<RebuildAction, AmiEvent[]>> = {}): RebuildLists {
  const lists = {} as RebuildLists;
  for (const action of REBUILD_ACTIONS) lists[action] = some[action] ?? [];
  return lists;
}
