import type { BlfState, LiveChange, LiveCollection, LiveQueue, LiveState, SpyMode } from "../types";
import type { Fields } from "./ami-fields";
import { LocalDay } from "./local-day";

/** One event handler: mutates the model and touches every entity it changed. `at` is epoch ms. */
export type Reducer = (model: LiveModel, fields: Fields, at: number) => void;

/**
 * The store's internals, shared by the reducers: the state records (mutated in place), indexes
 * that keep Hangup and Shutdown O(entities of that channel), the app-level facts Asterisk never
 * reports (DND, spy modes), and the set of entities touched by the event being applied.
 *
 * Ownership rule that makes shallow copies safe to publish: channels are mutated in place, but
 * every nested value a copy would share is replaced, never mutated: bridge `channels` and
 * conference `participants` arrays, `spying`, queue entry and member objects and `today`.
 */
export class LiveModel {
  state: LiveState = createLiveState();
  readonly now: () => number;
  readonly day: LocalDay;

  /** Uniqueid → the queue it waits in. */
  readonly entryQueue = new Map<string, string>();
  /** Uniqueid → its `parked` key. */
  readonly parkedKey = new Map<string, string>();
  /** Uniqueid → the conference it is in. */
  readonly conferenceOf = new Map<string, string>();
  /** Spy leg uniqueid or channel name → the mode the app asked for (or ChanSpy's options said). */
  readonly spyModes = new Map<string, SpyMode>();
  /** Extensions with DND on: `1001` (any context) or `1001@from-internal`. */
  readonly dnd = new Set<string>();
  /** `exten@context` → the state Asterisk reported, before DND overrides it. */
  readonly asteriskExtensionStates = new Map<string, BlfState>();

  private touchedCollections: LiveCollection[] = [];
  private touchedKeys: string[] = [];
  private touchedIds: Set<string> | null = null;

  constructor(options: { now?: () => number; timeZone?: string }) {
    this.now = options.now ?? Date.now;
    this.day = new LocalDay(options.timeZone);
  }

  /** Records that an entity changed (or went away); flush() turns it into one LiveChange. */
  touch(collection: LiveCollection, key: string): void {
    const keys = this.touchedKeys;
    const collections = this.touchedCollections;
    // Most events touch one to three entities: a scan beats hashing. Shutdown touches hundreds.
    if (this.touchedIds === null) {
      for (let i = 0; i < keys.length; i++) if (keys[i] === key && collections[i] === collection) return;
      if (keys.length >= 16) this.touchedIds = new Set(keys.map((k, i) => `${collections[i]}\u0000${k}`));
    }
    if (this.touchedIds !== null) {
      const id = `${collection}\u0000${key}`;
      if (this.touchedIds.has(id)) return;
      this.touchedIds.add(id);
    }
    collections.push(collection);
    keys.push(key);
  }

  /** One change per touched entity, in first-touch order, carrying its value after the event. */
  flush(): LiveChange[] {
    const collections = this.touchedCollections;
    const keys = this.touchedKeys;
    const changes: LiveChange[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const collection = collections[i] as LiveCollection;
      const key = keys[i] as string;
      const value: unknown = this.state[collection][key];
      changes[i] =
        value === undefined
          ? { op: "remove", collection, key }
          : { op: "upsert", collection, key, value: publishedCopy(collection, value) };
    }
    this.touchedCollections = [];
    this.touchedKeys = [];
    this.touchedIds = null;
    return changes;
  }

  /** Drops pending touches without publishing them (rebuild publishes a snapshot instead). */
  discardTouches(): void {
    this.touchedCollections = [];
    this.touchedKeys = [];
    this.touchedIds = null;
  }
}

/** Prototype-free records, so a key such as `__proto__` from the wire is just a key. */
export function createLiveState(): LiveState {
  return {
    channels: Object.create(null),
    bridges: Object.create(null),
    extensions: Object.create(null),
    devices: Object.create(null),
    queues: Object.create(null),
    parked: Object.create(null),
    conferences: Object.create(null),
    quality: Object.create(null),
  };
}

/**
 * A shallow copy of the one entity. Queues also copy their `entries` and `members` records,
 * whose keys come and go in place; the entry and member objects themselves are never mutated.
 */
function publishedCopy(collection: LiveCollection, value: unknown): unknown {
  if (collection === "queues") {
    const queue = value as LiveQueue;
    return { ...queue, entries: { ...queue.entries }, members: { ...queue.members } };
  }
  return { ...(value as object) };
}
