import type {
  LiveBridge,
  LiveChange,
  LiveChannel,
  LiveCollection,
  LiveConference,
  LiveParkedCall,
  LiveQueue,
  LiveState,
} from "./types";

/**
 * What one user may see of the live state. Built on the server by getLiveScope (scope.ts) and
 * applied by the SSE route before anything leaves the server, and by the panel actions before
 * they touch a call.
 */
export type LiveScope = {
  /** Admins: everything, unfiltered. */
  all: boolean;
  /** Extension numbers (PJSIP endpoint names) whose calls, hints, devices and memberships are visible. */
  extensions: ReadonlySet<string>;
  /** Asterisk queue names (`q5000`) whose cards are visible. */
  queues: ReadonlySet<string>;
};

export const FULL_SCOPE: LiveScope = { all: true, extensions: new Set(), queues: new Set() };

export function limitedScope(extensions: Iterable<string>, queues: Iterable<string>): LiveScope {
  return { all: false, extensions: new Set(extensions), queues: new Set(queues) };
}

/**
 * The extension behind a queue-member or device interface: `PJSIP/1001` → 1001, and
 * `Local/1001@agents/n` → 1001. Anything else (trunks, Queue:… devices) has none.
 */
export function interfaceExtension(iface: string): string | null {
  const pjsip = /^PJSIP\/([0-9A-Za-z_.+-]+)$/.exec(iface);
  if (pjsip) return pjsip[1]!;
  const local = /^Local\/([0-9]+)@/.exec(iface);
  return local ? local[1]! : null;
}

export function hasExtension(scope: LiveScope, extension: string | null | undefined): boolean {
  return Boolean(extension) && (scope.all || scope.extensions.has(extension!));
}

export function hasQueue(scope: LiveScope, queue: string): boolean {
  return scope.all || scope.queues.has(queue);
}

/**
 * The Uniqueids of every channel the scope may see in this state. A channel is visible when its
 * endpoint is in scope, when it waits in a visible queue (the caller on a queue card is also a
 * row in the calls table), or when it shares a Linkedid (the same call) with such a channel.
 */
export function visibleChannels(state: LiveState, scope: LiveScope): Set<string> {
  const channels = Object.values(state.channels);
  if (scope.all) return new Set(channels.map((c) => c.uniqueid));
  const calls = new Set<string>();
  for (const c of channels) if (hasExtension(scope, c.endpoint)) calls.add(c.linkedid);
  for (const q of Object.values(state.queues)) {
    if (!scope.queues.has(q.name)) continue;
    for (const e of Object.values(q.entries)) {
      const c = state.channels[e.uniqueid];
      if (c) calls.add(c.linkedid);
    }
  }
  return new Set(channels.filter((c) => calls.has(c.linkedid)).map((c) => c.uniqueid));
}

/** The whole state as this scope may see it. A full scope gets the very same object back. */
export function scopeState(state: LiveState, scope: LiveScope): LiveState {
  if (scope.all) return state;
  const visible = visibleChannels(state, scope);
  const out: LiveState = {
    channels: {},
    bridges: {},
    extensions: {},
    devices: {},
    queues: {},
    parked: {},
    conferences: {},
    quality: {},
  };
  for (const [key, c] of Object.entries(state.channels)) if (visible.has(c.uniqueid)) out.channels[key] = c;
  for (const [key, b] of Object.entries(state.bridges)) {
    const scoped = scopeBridge(b, visible);
    if (scoped) out.bridges[key] = scoped;
  }
  for (const [key, h] of Object.entries(state.extensions))
    if (scope.extensions.has(h.exten)) out.extensions[key] = h;
  for (const [key, d] of Object.entries(state.devices)) if (deviceVisible(key, scope)) out.devices[key] = d;
  for (const [key, q] of Object.entries(state.queues))
    if (scope.queues.has(key)) out.queues[key] = scopeQueue(q, scope);
  for (const [key, p] of Object.entries(state.parked))
    if (parkedVisible(p, visible, scope)) out.parked[key] = p;
  for (const [key, c] of Object.entries(state.conferences))
    if (conferenceVisible(c, visible)) out.conferences[key] = c;
  for (const [key, q] of Object.entries(state.quality)) if (scope.extensions.has(key)) out.quality[key] = q;
  return out;
}

/**
 * One delta's changes as this scope may see them. `state` is the full, unscoped state with these
 * changes already applied (the SSE route applies each delta to its copy, then scopes it once per
 * connection).
 *
 * - Upserts of visible entities pass (queues and bridges trimmed to what the scope may see).
 * - A channel that becomes visible because its call now involves the scope (an agent's leg
 *   appears, a caller joins a visible queue) brings the call's other legs along, so the browser
 *   never holds half a call.
 * - Invisible channel upserts are dropped; channel removes always pass (a Uniqueid says nothing,
 *   and the browser must not keep a leg that hung up). Bridges, parked calls and conferences that
 *   leave the scope turn into removes. Hints, devices, queues and call quality pass only for
 *   keys in scope.
 */
export function scopeChanges(
  changes: readonly LiveChange[],
  scope: LiveScope,
  state: LiveState,
): LiveChange[] {
  if (scope.all) return [...changes];
  const visible = visibleChannels(state, scope);
  const inDelta = new Set(changes.filter((c) => c.collection === "channels").map((c) => c.key));
  const pulled = new Set<string>();
  const out: LiveChange[] = [];
  const pullCall = (linkedid: string) => {
    for (const c of Object.values(state.channels)) {
      if (c.linkedid !== linkedid || inDelta.has(c.uniqueid) || pulled.has(c.uniqueid)) continue;
      pulled.add(c.uniqueid);
      out.push({ op: "upsert", collection: "channels", key: c.uniqueid, value: c });
    }
  };

  for (const change of changes) {
    if (change.op === "remove") {
      if (removeVisible(change.collection, change.key, scope)) out.push(change);
      continue;
    }
    const scoped = scopeUpsert(change.collection, change.key, change.value, scope, visible);
    if (scoped === DROP) continue;
    if (scoped === REMOVE) {
      out.push({ op: "remove", collection: change.collection, key: change.key });
      continue;
    }
    out.push({ ...change, value: scoped });
    if (change.collection === "channels") pullCall((scoped as LiveChannel).linkedid);
    if (change.collection === "queues") {
      for (const e of Object.values((scoped as LiveQueue).entries)) {
        const c = state.channels[e.uniqueid];
        if (c) pullCall(c.linkedid);
      }
    }
  }
  return out;
}

const DROP = Symbol("drop");
const REMOVE = Symbol("remove");

function scopeUpsert(
  collection: LiveCollection,
  key: string,
  value: unknown,
  scope: LiveScope,
  visible: Set<string>,
): unknown {
  switch (collection) {
    case "channels":
      return visible.has(key) ? value : DROP;
    case "bridges":
      return scopeBridge(value as LiveBridge, visible) ?? REMOVE;
    case "extensions":
      return scope.extensions.has((value as { exten: string }).exten) ? value : DROP;
    case "devices":
      return deviceVisible(key, scope) ? value : DROP;
    case "queues":
      return scope.queues.has(key) ? scopeQueue(value as LiveQueue, scope) : DROP;
    case "parked":
      return parkedVisible(value as LiveParkedCall, visible, scope) ? value : REMOVE;
    case "conferences":
      return conferenceVisible(value as LiveConference, visible) ? value : REMOVE;
    case "quality":
      return scope.extensions.has(key) ? value : DROP;
    default:
      // A collection this file doesn't know yet is not shown to a limited scope.
      return DROP;
  }
}

function removeVisible(collection: LiveCollection, key: string, scope: LiveScope): boolean {
  switch (collection) {
    case "extensions":
      return scope.extensions.has(key.split("@")[0]!);
    case "devices":
      return deviceVisible(key, scope);
    case "queues":
      return scope.queues.has(key);
    case "quality":
      return scope.extensions.has(key);
    default:
      return true;
  }
}

function scopeBridge(bridge: LiveBridge, visible: Set<string>): LiveBridge | null {
  const channels = bridge.channels.filter((id) => visible.has(id));
  if (channels.length === 0) return null;
  return channels.length === bridge.channels.length ? bridge : { ...bridge, channels };
}

function scopeQueue(queue: LiveQueue, scope: LiveScope): LiveQueue {
  const members: LiveQueue["members"] = {};
  for (const [key, m] of Object.entries(queue.members)) {
    const ext = interfaceExtension(m.interface) ?? interfaceExtension(m.stateInterface);
    if (ext && scope.extensions.has(ext)) members[key] = m;
  }
  return { ...queue, members };
}

function deviceVisible(device: string, scope: LiveScope): boolean {
  const ext = interfaceExtension(device);
  return ext !== null && scope.extensions.has(ext);
}

function parkedVisible(parked: LiveParkedCall, visible: Set<string>, scope: LiveScope): boolean {
  if (visible.has(parked.uniqueid)) return true;
  // The agent who parked has usually hung up by now; the dial string still names them.
  const parker = interfaceExtension(parked.parkerDialString.replace(/-[0-9a-f]+$/, ""));
  return parker !== null && scope.extensions.has(parker);
}

function conferenceVisible(conference: LiveConference, visible: Set<string>): boolean {
  return conference.participants.some((id) => visible.has(id));
}
