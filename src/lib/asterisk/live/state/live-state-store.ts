import { latestSample, type QualitySample } from "@/lib/softphone/call-quality";
import type { AmiEvent } from "../../ami/message";
import type { LiveChange, LiveState, SpyMode } from "../types";
import { eventTimeMs } from "./ami-fields";
import { bridgeReducers } from "./bridge-reducer";
import { channelReducers } from "./channel-reducer";
import { conferenceReducers } from "./conference-reducer";
import { LiveModel, type Reducer } from "./live-model";
import { parkingReducers } from "./parking-reducer";
import { presenceReducers } from "./presence-reducer";
import { forgetStaleQuality, setQuality } from "./quality-reducer";
import { queueCallerReducers, todayOf } from "./queue-callers";
import { queueMemberReducers } from "./queue-members";
import { type RebuildLists, rebuildModel } from "./rebuild";
import { shutdownReducers } from "./shutdown-reducer";

export type LiveStateStoreOptions = {
  /** The listener's clock (epoch ms), for list items and app actions; events use their Timestamp. */
  now?: () => number;
  /** IANA zone whose local midnight resets the queues' `today` counters. Default: the process's. */
  timeZone?: string;
  /** Told about a reducer that threw on an odd event; apply() still returns what changed. */
  onError?: (error: unknown, event: AmiEvent) => void;
};

/**
 * The live state the panel shows, kept up to date from AMI events.
 *
 * Lifecycle: on every (re)connect the listener sends REBUILD_ACTIONS, calls rebuild() with their
 * items and publishes a snapshot of `state`; from then on it passes each live event to apply()
 * and publishes the changes it returns. Events that arrive while the lists are being collected
 * should be applied after rebuild(), in order; they are idempotent against the lists.
 *
 * Which event moves which entity how is documented on each reducer table: channelReducers,
 * bridgeReducers, presenceReducers (hints, devices, DND), queueCallerReducers (waiting callers,
 * today counters), queueMemberReducers, parkingReducers, conferenceReducers, shutdownReducers.
 *
 * Published values: every `upsert` carries a shallow copy of the one entity, made after the event
 * was applied (queues also copy their `entries`/`members` records). Nothing in a copy is mutated
 * afterwards, so a publisher may batch or serialize changes later. `state` is the live object
 * graph instead: read it synchronously, or take snapshot().
 *
 * Cost: apply() is O(1) per event except where the event itself is about many things (a queue
 * join/leave renumbers that queue's callers, a queue change copies that queue's members; Shutdown
 * touches everything). Unknown events cost one Map lookup.
 */
export class LiveStateStore {
  private readonly model: LiveModel;
  private readonly onError: LiveStateStoreOptions["onError"];

  constructor(options: LiveStateStoreOptions = {}) {
    this.model = new LiveModel(options);
    this.onError = options.onError;
  }

  get state(): LiveState {
    return this.model.state;
  }

  /** A deep copy of the state, for a snapshot message. */
  snapshot(): LiveState {
    return structuredClone(this.model.state);
  }

  /**
   * Applies one live AMI event. Returns the entities it changed (upsert with the new value /
   * remove), one change per entity. Events it doesn't model return []. Never throws on odd input.
   */
  apply(event: AmiEvent): LiveChange[] {
    const reducer = REDUCERS.get(event.event);
    if (reducer === undefined) return [];
    const fields = event.fields;
    try {
      reducer(this.model, fields, eventTimeMs(fields.Timestamp) ?? this.model.now());
    } catch (error) {
      this.onError?.(error, event);
    }
    return this.model.flush();
  }

  /** Replaces the whole state from the list actions' items (see rebuildModel for what carries over). */
  rebuild(lists: RebuildLists): void {
    rebuildModel(this.model, lists);
  }

  /**
   * Notes the mode of a ChanSpy leg the app originated, keyed by the spying channel's uniqueid
   * or name (use the ChannelId you gave Originate, or the Channel of its OriginateResponse).
   * Applied at once if the leg is already spying, else on its ChanSpyStart. Notes for legs that
   * never show up are bounded: the oldest go first.
   */
  noteSpyMode(channel: string, mode: SpyMode): LiveChange[] {
    const spyModes = this.model.spyModes;
    spyModes.delete(channel);
    spyModes.set(channel, mode);
    while (spyModes.size > MAX_SPY_NOTES) {
      const oldest = spyModes.keys().next().value;
      if (oldest === undefined) break;
      spyModes.delete(oldest);
    }
    const channels = this.model.state.channels;
    const leg = channels[channel] ?? Object.values(channels).find((c) => c.name === channel);
    if (leg?.spying && leg.spying.mode !== mode) {
      leg.spying = { target: leg.spying.target, mode };
      this.model.touch("channels", leg.uniqueid);
    }
    return this.model.flush();
  }

  /**
   * Records what an extension's browser phone measured (see quality-reducer): its newest sample
   * replaces the extension's entry, stamped with the listener's clock. [] when nothing changed.
   */
  reportQuality(extension: string, samples: readonly QualitySample[]): LiveChange[] {
    if (samples.length === 0) return [];
    setQuality(this.model, extension, latestSample(samples), this.model.now());
    return this.model.flush();
  }

  /**
   * Zeroes the `today` counters of queues still on yesterday and forgets call quality nobody
   * reported for QUALITY_FORGET_MS; call it now and then (each minute).
   */
  tick(): LiveChange[] {
    const now = this.model.now();
    forgetStaleQuality(this.model, now);
    const day = this.model.day.of(now);
    for (const queue of Object.values(this.model.state.queues)) {
      if (queue.today.day === day) continue;
      todayOf(this.model, queue, now);
      this.model.touch("queues", queue.name);
    }
    return this.model.flush();
  }
}

const MAX_SPY_NOTES = 1000;

const REDUCERS: ReadonlyMap<string, Reducer> = combine([
  channelReducers,
  bridgeReducers,
  presenceReducers,
  queueCallerReducers,
  queueMemberReducers,
  parkingReducers,
  conferenceReducers,
  shutdownReducers,
]);

/** One handler per event name; an event two tables handle (AgentConnect) runs both, in order. */
function combine(tables: Record<string, Reducer>[]): Map<string, Reducer> {
  const combined = new Map<string, Reducer>();
  for (const table of tables) {
    for (const [event, reducer] of Object.entries(table)) {
      const first = combined.get(event);
      combined.set(
        event,
        first === undefined
          ? reducer
          : (model, fields, at) => {
              first(model, fields, at);
              reducer(model, fields, at);
            },
      );
    }
  }
  return combined;
}
